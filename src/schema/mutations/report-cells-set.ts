import { Field, ID, InputType, Int } from "type-graphql";

@InputType({ description: "One cell's new value." })
export class CellValueInput {
  @Field({ description: "<table>/<row>/<column>, with the ids of the report's format." })
  key!: string;

  @Field(_type => String, {
    nullable: true,
    description: 'A decimal literal as text ("588", "27.37"); null makes the cell blank, which is not 0.',
  })
  value!: string | null;
}

@InputType({ description: "Many cells of a draft at once: all are set, or on any problem none." })
export class ReportCellsSetInput {
  @Field(_type => ID)
  reportId!: string;

  @Field(_type => [CellValueInput])
  cells!: CellValueInput[];

  @Field(_type => Int, { nullable: true, description: "The version you edited; a stale one fails with CONFLICT." })
  expectedVersion?: number | null;
}
