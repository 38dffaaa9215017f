import { useQuery, useApolloClient } from "@apollo/client/react";
import { Button, Layout, Menu, Space, Typography } from "antd";
import { Link, Navigate, Outlet, useLocation, useNavigate } from "react-router";
import { graphql } from "../gql";
import { signOut } from "./session";
import { InboxBell } from "./InboxBell";
import { ViewerContext } from "./viewer";
import { Loading } from "../components/Loading";

const ShellViewer = graphql(`
  query ShellViewer {
    viewer { name roles agency { id name code } }
  }
`);

/** The frame of every signed-in screen: the menu, who is signed in, 退出登录. */
export function Shell() {
  const { data, loading, error } = useQuery(ShellViewer, { fetchPolicy: "network-only" });
  const client = useApolloClient();
  const navigate = useNavigate();
  const location = useLocation();
  if (loading) return <Loading />;
  const viewer = data?.viewer;
  if (error || !viewer) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login${next !== "/" ? `?next=${encodeURIComponent(next)}` : ""}`} replace />;
  }
  const items = [
    { key: "/", label: <Link to="/">工作台</Link> },
    ...(viewer.roles.includes("AUDITOR") ? [{ key: "/audit", label: <Link to="/audit">审计</Link> }] : []),
    ...(viewer.roles.includes("ADMIN") ? [{ key: "/users", label: <Link to="/users">用户</Link> }] : []),
    { key: "graphiql", label: <a href="/console/graphiql">GraphiQL</a> },
  ];
  const selected = items.find(item => item.key !== "/" && location.pathname.startsWith(item.key))?.key ?? "/";
  const leave = async () => {
    await signOut();
    await client.clearStore();
    navigate("/login", { replace: true });
  };
  return (
    <ViewerContext.Provider value={viewer}>
      <Layout style={{ minHeight: "100vh" }}>
        <Layout.Header className="gk-header">
          <Typography.Text className="gk-brand">公开 Gongkai</Typography.Text>
          <nav aria-label="主导航" className="gk-nav">
            <Menu mode="horizontal" theme="dark" selectedKeys={[selected]} items={items} />
          </nav>
          <Space>
            <InboxBell />
            <span className="gk-user">
              {viewer.name} · {viewer.agency.name}
            </span>
            <Button onClick={leave}>退出登录</Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="gk-content">
          <main>
            <Outlet />
          </main>
        </Layout.Content>
      </Layout>
    </ViewerContext.Provider>
  );
}
