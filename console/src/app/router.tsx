import { createBrowserRouter } from "react-router";
import { Shell } from "./Shell";

/** Each screen is a lazy route: 登录 loads neither the form nor the tables. */
export const router = createBrowserRouter(
  [
    { path: "/login", lazy: async () => ({ Component: (await import("../screens/signin/SignIn")).SignIn }) },
    {
      path: "/",
      Component: Shell,
      children: [
        { index: true, lazy: async () => ({ Component: (await import("../screens/inbox/Inbox")).Inbox }) },
        { path: "reports/:id", lazy: async () => ({ Component: (await import("../screens/report-form/ReportPage")).ReportPage }) },
        { path: "audit", lazy: async () => ({ Component: (await import("../screens/history/History")).History }) },
        { path: "users", lazy: async () => ({ Component: (await import("../screens/users/Users")).Users }) },
      ],
    },
  ],
  { basename: "/console" },
);
