import { useApolloClient } from "@apollo/client/react";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { signIn } from "../../app/session";

interface Fields {
  name: string;
  password: string;
  newPassword?: string;
}

/** 登录: user name and password; a temporary password must be replaced here before the console opens. */
export function SignIn() {
  const [form] = Form.useForm<Fields>();
  const [problem, setProblem] = useState<string | null>(null);
  const [mustChange, setMustChange] = useState(false);
  const [busy, setBusy] = useState(false);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useApolloClient();

  const submit = async ({ name, password, newPassword }: Fields) => {
    setBusy(true);
    const answer = await signIn(name, password, mustChange ? newPassword : undefined);
    setBusy(false);
    if (answer.ok) {
      await client.clearStore();
      const next = params.get("next");
      navigate(next && next.startsWith("/") && !next.startsWith("//") ? next : "/", { replace: true });
      return;
    }
    if (answer.code === "PASSWORD_CHANGE_REQUIRED") setMustChange(true);
    setProblem(answer.message ?? "登录失败。");
  };

  return (
    <main className="gk-signin">
      <Card>
        <Typography.Title level={1} className="gk-signin-title">
          公开 Gongkai · 登录
        </Typography.Title>
        <Typography.Paragraph>政府信息公开工作年度报告：编写、审查、签发、发布与审计。</Typography.Paragraph>
        <div aria-live="polite">{problem && <Alert type={mustChange ? "warning" : "error"} showIcon title={problem} />}</div>
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label="用户名" name="name" rules={[{ required: true, message: "请输入用户名" }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: "请输入密码" }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {mustChange && (
            <Form.Item label="新密码" name="newPassword" rules={[{ required: true, min: 8, message: "新密码至少 8 个字符" }]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" loading={busy} block>
            登录
          </Button>
        </Form>
      </Card>
    </main>
  );
}
