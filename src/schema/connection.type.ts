import { Field, Int, ObjectType } from "type-graphql";
import type { ClassType } from "type-graphql";

@ObjectType({ description: "Where a page of a connection starts and ends, and whether pages lie before or after it." })
export class PageInfo {
  @Field(_type => String, {
    nullable: true,
    description: "Cursor of the first item of the page; null when the page is empty.",
  })
  startCursor!: string | null;

  @Field(_type => String, { nullable: true })
  endCursor!: string | null;

  @Field({ description: "True when this page was asked for with after: items come before it." })
  hasPreviousPage!: boolean;

  @Field()
  hasNextPage!: boolean;
}

/** One item of a page with its cursor, as every connection's edges carry it. */
export interface EdgeShape<T> {
  cursor: string;
  node: T;
}

/** What every connection type holds (GitHub's and Relay's shape): edges, nodes, pageInfo, totalCount. */
export interface ConnectionShape<T> {
  edges: Array<EdgeShape<T>>;
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * The one connection factory (type-graphql's generic types): `class XConnection extends Connection(X, "X") {}`
 * declares XConnection and its XEdge. Every list of the API is a connection built here.
 */
export function Connection<T extends object>(NodeClass: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} of a page, with its cursor.` })
  class Edge implements EdgeShape<T> {
    @Field({ description: `Opaque cursor of this ${name}; pass it as after to continue after it.` })
    cursor!: string;

    @Field(_type => NodeClass, { description: `The ${name}.` })
    node!: T;
  }

  // Note: type-graphql 2 emits only the types the resolvers reach, so this base (never returned itself) stays out.
  @ObjectType()
  abstract class ConnectionClass implements ConnectionShape<T> {
    @Field(_type => [Edge], { description: "The items of this page with their cursors." })
    edges!: Edge[];

    @Field(_type => [NodeClass], { description: "The items of this page (edges without the cursors)." })
    nodes!: T[];

    @Field(_type => PageInfo, { description: "Where this page sits; pass endCursor as after for the next one." })
    pageInfo!: PageInfo;

    @Field(_type => Int, { description: "Items matching the arguments, over all pages." })
    totalCount!: number;
  }
  return ConnectionClass;
}

/** A page as the services return it: the items, their total over all pages, and whether more follow. */
export interface PageOf<T> {
  nodes: T[];
  totalCount: number;
  hasNextPage: boolean;
}

/**
 * A service's page as a connection: each item mapped to its GraphQL object, with its cursor. `after` is the
 * cursor the page was asked for after (there are items before it then).
 */
export function connectionOf<T, N>(
  page: PageOf<T>,
  toNode: (item: T) => N,
  cursorOf: (item: T) => string,
  after: string | null | undefined,
): ConnectionShape<N> {
  const edges = page.nodes.map(item => ({ cursor: cursorOf(item), node: toNode(item) }));
  return {
    edges,
    nodes: edges.map(edge => edge.node),
    pageInfo: {
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
      hasPreviousPage: after != null,
      hasNextPage: page.hasNextPage,
    },
    totalCount: page.totalCount,
  };
}
