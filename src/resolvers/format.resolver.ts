import { Arg, ID, Query, Resolver } from "type-graphql";
import { allFormats, findFormat } from "../formats";
import { Format } from "../schema/format.type";
import { toFormat } from "../schema/mappers/format.mapper";

@Resolver(_of => Format)
export class FormatResolver {
  @Query(_returns => [Format], { description: "Both national formats, to draw empty forms and list the rules." })
  formats(): Format[] {
    return allFormats().map(toFormat);
  }

  @Query(_returns => Format, { nullable: true, description: "One format by id (gb2019, gb2021)." })
  format(@Arg("id", _type => ID) id: string): Format | null {
    const format = findFormat(id);
    return format ? toFormat(format) : null;
  }
}
