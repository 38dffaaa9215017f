import { isEnumType, isInputObjectType, isInterfaceType, isIntrospectionType, isObjectType, isSpecifiedScalarType } from "graphql";
import type { GraphQLSchema } from "graphql";
import { buildGongkaiSchema } from "../../src/server/build-schema";

/** Every type, field, argument, input field and enum value of the schema that has no description. */
function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const need = (path: string, description: string | null | undefined) => {
    if (!description?.trim()) missing.push(path);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    if (![schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].includes(type as never)) {
      need(type.name, type.description);
    }
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        need(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args) need(`${type.name}.${field.name}(${arg.name})`, arg.description);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) need(`${type.name}.${field.name}`, field.description);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) need(`${type.name}.${value.name}`, value.description);
    }
  }
  return missing.sort();
}

describe("schema descriptions", () => {
  it("describes every type, field, argument, input field and enum value", () => {
    expect(undescribed(buildGongkaiSchema())).toEqual([]);
  });

  it("keeps UserErrorCode's doc comments as enum value descriptions", () => {
    const code = buildGongkaiSchema().getType("UserErrorCode");
    if (!isEnumType(code)) throw new Error("UserErrorCode is not an enum");
    expect(code.getValue("NOT_FOUND")?.description).toMatch(/\w/);
  });
});
