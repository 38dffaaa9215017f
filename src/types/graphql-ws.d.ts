// graphql-ws publishes its WebSocket adapter only through package "exports", which this project's
// moduleResolution ("node") does not read; Node itself resolves "graphql-ws/use/ws" at run time.
declare module "graphql-ws/use/ws" {
  export * from "graphql-ws/dist/use/ws";
}
