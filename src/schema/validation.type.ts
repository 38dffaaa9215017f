import { Field, Int, ObjectType } from "type-graphql";
import { RuleKind, Severity } from "./enums";

@ObjectType({ description: "A cell involved in a violation, with its value, so a front end can highlight it." })
export class ViolationCell {
  @Field({ description: "<table>/<row>/<column>" })
  key!: string;

  @Field()
  tableId!: string;

  @Field()
  rowId!: string;

  @Field()
  columnId!: string;

  @Field({ description: "Column and row labels, e.g. 自然人 · 一、本年新收政府信息公开申请数量." })
  label!: string;

  @Field(_type => String, { nullable: true, description: "Decimal text; null when blank or absent." })
  value!: string | null;

  @Field(_type => Int, { nullable: true, description: "Set when the cell belongs to last year's report." })
  year!: number | null;
}

@ObjectType({ description: "A value that would make a sum rule hold: offered to the author, never written by itself." })
export class ViolationSuggestion {
  @Field({ description: "<table>/<row>/<column> of the total cell." })
  key!: string;

  @Field({ description: "The sum of the other side, as decimal text." })
  value!: string;
}

@ObjectType({ description: "One failed check." })
export class Violation {
  @Field({ description: "Rule id from the format data, or required.cell / required.section / domain.*." })
  ruleId!: string;

  @Field(_type => RuleKind)
  kind!: RuleKind;

  @Field(_type => Severity)
  severity!: Severity;

  @Field({ description: "In Chinese, for the report's author, with the numbers." })
  message!: string;

  @Field(_type => [ViolationCell])
  cells!: ViolationCell[];

  @Field({ description: "Stable id of this violation (rule, message, cells): name it to acknowledge a WARNING (reportWarningAcknowledge)." })
  fingerprint!: string;

  @Field(_type => ViolationSuggestion, { nullable: true, description: "For a total that does not match its parts: the sum the rule implies." })
  suggestion!: ViolationSuggestion | null;
}

@ObjectType({ description: "The result of checking a report against every rule of its format." })
export class Validation {
  @Field({ description: "True when no ERROR-severity violation exists (the report may be submitted)." })
  valid!: boolean;

  @Field(_type => Int)
  errorCount!: number;

  @Field(_type => Int)
  warningCount!: number;

  @Field(_type => [Violation])
  violations!: Violation[];
}
