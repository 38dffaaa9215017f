import "antd/dist/antd.css";
import "./app/console.css";
import { ApolloProvider } from "@apollo/client/react";
import { App as AntApp, ConfigProvider } from "antd";
import zhCN from "antd/es/locale/zh_CN";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router";
import { createApolloClient } from "./app/apollo";
import { router } from "./app/router";

dayjs.locale("zh-cn");

const theme = { zeroRuntime: true };

/** The per-response nonce the server wrote into the page; the CSP admits only <style> elements that carry it. */
const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;

// Provider order: ConfigProvider (locale, static CSS, no space in two-character buttons) › App › Apollo › router.
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={theme} csp={{ nonce }} button={{ autoInsertSpace: false }}>
      <AntApp>
        <ApolloProvider client={createApolloClient()}>
          <RouterProvider router={router} />
        </ApolloProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
