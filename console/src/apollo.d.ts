import type { GraphQLCodegenDataMasking } from "@apollo/client/masking";

// Apollo's masked types follow GraphQL Code Generator's (inlineFragmentTypes: mask): a fragment spread is a reference
// that only useFragment turns into data.
declare module "@apollo/client" {
  export interface TypeOverrides extends GraphQLCodegenDataMasking.TypeOverrides {}
}
