import { gql } from "@apollo/client";
import { createCache } from "../../console/src/app/cache";

/** Two reports share table, row and section ids (apply, apply.new, sec.overview): the cache must keep both intact. */
const REPORT = gql`
  query CacheReport($id: ID!) {
    report(id: $id) {
      __typename
      id
      version
      sections { __typename id body }
      tables { __typename id rows { __typename id values } }
    }
  }
`;

const report = (id: string, natural: string, body: string) => ({
  report: {
    __typename: "Report",
    id,
    version: 1,
    sections: [{ __typename: "ReportSection", id: "sec.overview", body }],
    tables: [{ __typename: "ReportTable", id: "apply", rows: [{ __typename: "ReportRow", id: "apply.new", values: [natural, "0"] }] }],
  },
});

describe("the console's Apollo cache", () => {
  it("keeps two reports with the same table, row and section ids apart", () => {
    const cache = createCache();
    cache.writeQuery({ query: REPORT, variables: { id: "UmVwb3J0OjE=" }, data: report("UmVwb3J0OjE=", "3", "甲") });
    cache.writeQuery({ query: REPORT, variables: { id: "UmVwb3J0OjI=" }, data: report("UmVwb3J0OjI=", "7", "乙") });

    expect(cache.readQuery({ query: REPORT, variables: { id: "UmVwb3J0OjE=" } })).toEqual(report("UmVwb3J0OjE=", "3", "甲"));
    expect(cache.readQuery({ query: REPORT, variables: { id: "UmVwb3J0OjI=" } })).toEqual(report("UmVwb3J0OjI=", "7", "乙"));
  });
});
