import { isEnumType, isInputObjectType, isInterfaceType, isObjectType } from "graphql";
import type { GraphQLSchema } from "graphql";

import { DESCRIPTIONS } from "./descriptions.data";

/** Sets the catalogued descriptions on the built schema; throws on a key that names no schema element. */
export function describeSchema(schema: GraphQLSchema): GraphQLSchema {
  for (const [key, description] of Object.entries(DESCRIPTIONS)) {
    const target = element(schema, key);
    if (!target) throw new Error(`src/schema/descriptions.data.ts: "${key}" names nothing in the schema.`);
    if (!target.description) target.description = description;
  }
  return schema;
}

function element(schema: GraphQLSchema, key: string): { description?: string | null } | undefined {
  const [, typeName, fieldName, argName] = /^(\w+)(?:\.(\w+)(?:\((\w+)\))?)?$/.exec(key) ?? [];
  const type = typeName ? schema.getType(typeName) : undefined;
  if (!type || !fieldName) return type;
  if (isEnumType(type)) return type.getValue(fieldName) ?? undefined;
  if (!isObjectType(type) && !isInterfaceType(type) && !isInputObjectType(type)) return undefined;
  const field = type.getFields()[fieldName];
  if (!field || !argName) return field;
  return "args" in field ? field.args.find(arg => arg.name === argName) : undefined;
}
