import type { ApprovalState, Role, WorkflowEventType } from "./approval.types";

/** Chinese names of the states, as authors know them. */
export const STATE_LABELS: Readonly<Record<ApprovalState, string>> = {
  draft: "草稿",
  secrecyReview: "保密审查",
  leadershipSignOff: "领导签发",
  approved: "已批准",
  published: "已发布",
};

/** Chinese names of the steps. */
export const EVENT_LABELS: Readonly<Record<WorkflowEventType, string>> = {
  SUBMIT: "提交保密审查",
  WITHDRAW: "撤回",
  CLEAR_SECRECY: "通过保密审查",
  SIGN_OFF: "领导签发",
  REJECT: "退回修改",
  PUBLISH: "发布",
  CORRECT: "更正",
  SCHEDULE_PUBLISH: "定时发布",
  UNSCHEDULE_PUBLISH: "取消定时发布",
  RECORD_PUBLISHED: "登记已发布",
};

/** Chinese names of the roles. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  DRAFTER: "起草人",
  SECRECY_REVIEWER: "保密审查员",
  LEADER: "分管领导",
  PUBLISHER: "发布人",
  AUDITOR: "审计员",
  ADMIN: "管理员",
};
