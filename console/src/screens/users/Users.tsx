import { useMutation, useQuery } from "@apollo/client/react";
import { Alert, App, Button, Form, Input, Modal, Result, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { graphql } from "../../gql";
import type { Role, UsersListQuery } from "../../gql/graphql";

const UsersList = graphql(`
  query UsersList {
    users { nodes { id name roles active } }
  }
`);
const UsersCreate = graphql(`
  mutation UsersCreate($input: UserCreateInput!) {
    userCreate(input: $input) { user { name roles active } userErrors { code field message } }
  }
`);
const UsersDeactivate = graphql(`
  mutation UsersDeactivate($input: UserDeactivateInput!) {
    userDeactivate(input: $input) { user { id name roles active } userErrors { code field message } }
  }
`);
const UsersRolesSet = graphql(`
  mutation UsersRolesSet($input: UserRolesSetInput!) {
    userRolesSet(input: $input) { user { id name roles active } userErrors { code field message } }
  }
`);
const UsersPasswordReset = graphql(`
  mutation UsersPasswordReset($input: UserPasswordResetInput!) {
    userPasswordReset(input: $input) { user { id name } userErrors { code field message } }
  }
`);

type UserRow = UsersListQuery["users"]["nodes"][number];
const ROLES: Role[] = ["DRAFTER", "SECRECY_REVIEWER", "LEADER", "PUBLISHER", "AUDITOR", "ADMIN"];

/** 用户: an ADMIN's list of the agency's users; add, deactivate, set a temporary password. */
export function Users() {
  const { data, error, refetch } = useQuery(UsersList);
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<UserRow | null>(null);
  const [editing, setEditing] = useState<UserRow | null>(null);
  const [deactivate] = useMutation(UsersDeactivate);
  const { modal, message } = App.useApp();
  if (error) return <Result status="403" title="无权访问" subTitle="只有本机关的管理员（ADMIN）可以管理用户。" />;
  const confirmDeactivate = ({ id, name }: UserRow) =>
    modal.confirm({
      title: `停用 ${name}？`,
      content: "停用后其会话与令牌立即失效。",
      okText: "确定",
      cancelText: "取消",
      onOk: async () => {
        const result = await deactivate({ variables: { input: { userId: id } } });
        const problems = result.data?.userDeactivate.userErrors ?? [];
        if (problems.length) message.error(problems.map(problem => problem.message).join("；"));
      },
    });
  return (
    <div>
      <Typography.Title level={1} className="gk-title">
        用户
      </Typography.Title>
      <Button type="primary" onClick={() => setAdding(true)} className="gk-toolbar">
        添加用户
      </Button>
      <Table<UserRow>
        rowKey="id"
        pagination={false}
        dataSource={data?.users.nodes ?? []}
        columns={[
          { title: "用户名", dataIndex: "name" },
          { title: "角色", key: "roles", render: (_, user) => user.roles.map(role => <Tag key={role}>{role}</Tag>) },
          { title: "状态", key: "active", render: (_, user) => (user.active ? "启用" : "已停用") },
          {
            title: "操作",
            key: "actions",
            render: (_, user) => (
              <Space>
                <Button size="small" onClick={() => setEditing(user)}>
                  角色
                </Button>
                <Button size="small" onClick={() => setResetting(user)}>
                  重置密码
                </Button>
                <Button size="small" danger disabled={!user.active} onClick={() => confirmDeactivate(user)}>
                  停用
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {adding && (
        <AddUser
          onClose={() => {
            setAdding(false);
            void refetch();
          }}
        />
      )}
      {resetting && <ResetPassword user={resetting} onClose={() => setResetting(null)} />}
      {editing && <EditRoles user={editing} onClose={() => setEditing(null)} />}
    </div>
  );
}

function AddUser({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<{ name: string; roles: Role[] }>();
  const [create, { loading }] = useMutation(UsersCreate);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async () => {
    const input = await form.validateFields();
    const result = await create({ variables: { input } });
    const errors = result.data?.userCreate.userErrors ?? [];
    if (errors.length) return setProblem(errors.map(error => error.message).join("；"));
    onClose();
  };
  return (
    <Modal open title="添加用户" okText="确定" cancelText="取消" onOk={submit} onCancel={onClose} confirmLoading={loading}>
      {problem && <Alert type="error" showIcon title={problem} />}
      <Form form={form} layout="vertical">
        <Form.Item label="用户名" name="name" rules={[{ required: true, message: "请输入用户名" }]}>
          <Input />
        </Form.Item>
        <Form.Item label="角色" name="roles" rules={[{ required: true, message: "至少选择一个角色" }]}>
          <Select mode="multiple" options={ROLES.map(role => ({ value: role, label: role }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResetPassword({ user: { id, name }, onClose }: { user: UserRow; onClose: () => void }) {
  const [form] = Form.useForm<{ password: string }>();
  const [reset, { loading }] = useMutation(UsersPasswordReset);
  const [problem, setProblem] = useState<string | null>(null);
  const { message } = App.useApp();
  const submit = async () => {
    const { password } = await form.validateFields();
    const result = await reset({ variables: { input: { userId: id, password } } });
    const errors = result.data?.userPasswordReset.userErrors ?? [];
    if (errors.length) return setProblem(errors.map(error => error.message).join("；"));
    message.success(`已为 ${name} 设置临时密码，其下次登录时须修改。`);
    onClose();
  };
  return (
    <Modal open title={`重置 ${name} 的密码`} okText="确定" cancelText="取消" onOk={submit} onCancel={onClose} confirmLoading={loading}>
      {problem && <Alert type="error" showIcon title={problem} />}
      <Form form={form} layout="vertical">
        <Form.Item label="临时密码" name="password" rules={[{ required: true, min: 8, message: "至少 8 个字符" }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EditRoles({ user, onClose }: { user: UserRow; onClose: () => void }) {
  const [form] = Form.useForm<{ roles: Role[] }>();
  const [setRoles, { loading }] = useMutation(UsersRolesSet);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async () => {
    const { roles } = await form.validateFields();
    const result = await setRoles({ variables: { input: { userId: user.id, roles } } });
    const errors = result.data?.userRolesSet.userErrors ?? [];
    if (errors.length) return setProblem(errors.map(error => error.message).join("；"));
    onClose();
  };
  return (
    <Modal open title={`${user.name} 的角色`} okText="确定" cancelText="取消" onOk={submit} onCancel={onClose} confirmLoading={loading}>
      {problem && <Alert type="error" showIcon title={problem} />}
      <Form form={form} layout="vertical" initialValues={{ roles: user.roles }}>
        <Form.Item label="角色" name="roles" rules={[{ required: true, message: "至少选择一个角色" }]}>
          <Select mode="multiple" options={ROLES.map(role => ({ value: role, label: role }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
