import { EVENT_LABELS, ROLE_LABELS, STATE_LABELS } from "./approval.labels";
import type { ApprovalState, Role, WorkflowEventType, WorkflowRefusal } from "./approval.types";

/**
 * Builders for the refusals a viewer sees. Each message says what to do, in
 * English and then Chinese for the report's authors.
 */
export const refuse = {
  wrongState(type: WorkflowEventType, state: ApprovalState, from: readonly ApprovalState[]): WorkflowRefusal {
    const where = from.map(s => `「${STATE_LABELS[s]}」`).join("或");
    const zh = `报告当前为「${STATE_LABELS[state]}」，不能「${EVENT_LABELS[type] ?? type}」`;
    return {
      code: "WRONG_STATE",
      message:
        from.length === 0
          ? `${type} is not a workflow step. ${zh}。`
          : `${type} is not possible while the report is ${state}; it is possible in ` + `${from.join(" or ")}. ${zh}，仅在${where}时可以。`,
    };
  },
  missingRole(type: WorkflowEventType, roles: readonly Role[]): WorkflowRefusal {
    const zh = roles.map(r => ROLE_LABELS[r]).join("或");
    return {
      code: "MISSING_ROLE",
      message: `Only a ${roles.join(" or ")} of this agency can ${type}; ask one to do it. ` + `「${EVENT_LABELS[type]}」须由本单位${zh}办理，请联系相关人员。`,
    };
  },
  notSubmitter(type: WorkflowEventType): WorkflowRefusal {
    return {
      code: "NOT_SUBMITTER",
      message: `Only the user who submitted the report can ${type} it; ask them. ` + `只有提交人可以「${EVENT_LABELS[type]}」，请联系提交人。`,
    };
  },
  submitterFourEyes(type: WorkflowEventType): WorkflowRefusal {
    return {
      code: "FOUR_EYES_SUBMITTER",
      message:
        `Four eyes: you submitted this revision, and the submitter may neither clear its secrecy review nor ` +
        `sign it off; someone else must ${type}. ` +
        `四眼原则：您提交了本次修订，提交人不得进行保密审查或签发，「${EVENT_LABELS[type]}」请由其他人员办理。`,
    };
  },
  editorFourEyes(type: WorkflowEventType): WorkflowRefusal {
    return {
      code: "FOUR_EYES_EDITOR",
      message:
        `Four eyes: you changed the content of this revision, and whoever changed it may neither clear its ` +
        `secrecy review nor sign it off; someone else must ${type}. ` +
        `四眼原则：您修改过本次修订的内容，修改过内容的人员不得进行保密审查或签发，「${EVENT_LABELS[type]}」请由其他人员办理。`,
    };
  },
  reviewerFourEyes(type: WorkflowEventType): WorkflowRefusal {
    return {
      code: "FOUR_EYES_REVIEWER",
      message:
        `Four eyes: you cleared the secrecy review of this revision, and its secrecy reviewer and signing leader ` +
        `must be two people; another leader must ${type}. ` +
        `四眼原则：您已对本次修订进行保密审查，保密审查人与签发领导须为不同人员，「${EVENT_LABELS[type]}」请由其他领导办理。`,
    };
  },
  validationErrors(count: number): WorkflowRefusal {
    return {
      code: "VALIDATION_ERRORS",
      message: `Fix the ${count} validation error(s) before submitting. ` + `报告有${count}处校验错误，请修正后再提交。`,
    };
  },
  emptySections(sections: readonly string[]): WorkflowRefusal {
    const list = sections.join(", ");
    return {
      code: "EMPTY_SECTIONS",
      message: `Fill in the required sections (${list}) before submitting. ` + `请先填写必填章节（${sections.join("、")}）再提交。`,
    };
  },
  reasonRequired(type: WorkflowEventType): WorkflowRefusal {
    return {
      code: "REASON_REQUIRED",
      message: `Give a reason to ${type}. 请填写「${EVENT_LABELS[type]}」的理由。`,
    };
  },
  contentChanged(type: WorkflowEventType): WorkflowRefusal {
    return {
      code: "CONTENT_CHANGED",
      message:
        `The content changed after it was submitted; reject it so it can be submitted again, ` +
        `then ${type}. 报告内容在提交后发生了变化，请退回并重新提交后再「${EVENT_LABELS[type]}」。`,
    };
  },
  hashMismatch(): WorkflowRefusal {
    return {
      code: "HASH_MISMATCH",
      message:
        "The content to publish differs from the version the leader signed off; publish the " +
        "signed version. 待发布内容与领导签发的版本不一致，请发布签发的版本。",
    };
  },
  publishAtInvalid(): WorkflowRefusal {
    return {
      code: "PUBLISH_AT_INVALID",
      message: "Give the publication time as an ISO 8601 date-time later than now. " + "请填写晚于当前时间的定时发布时间。",
    };
  },
  notScheduled(): WorkflowRefusal {
    return {
      code: "NOT_SCHEDULED",
      message: "The report has no scheduled publication to cancel. 该报告没有待执行的定时发布。",
    };
  },
  scheduleWithdrawn(): WorkflowRefusal {
    return {
      code: "SCHEDULE_WITHDRAWN",
      message:
        "This scheduled publication no longer stands (it was cancelled, replaced, or the report was published " +
        "and reopened since); schedule it again if it should still be published. 该定时发布已失效，如仍需发布请重新设置。",
    };
  },
  publicationRequired(): WorkflowRefusal {
    return {
      code: "PUBLICATION_REQUIRED",
      message:
        "Give the date the report was originally published and where (its URL, or the file it was published as). " +
        "请填写报告的原发布日期及来源（网址或发布的文件）。",
    };
  },
  publicationInFuture(at: string): WorkflowRefusal {
    return {
      code: "PUBLICATION_IN_FUTURE",
      message: `The publication date ${at} is later than now; give the date it was actually published. 原发布日期晚于当前时间，请填写实际发布日期。`,
    };
  },
  alreadyPublished(): WorkflowRefusal {
    return {
      code: "ALREADY_PUBLISHED",
      message:
        "This report was already published here; a change goes through 更正 and review, not RECORD_PUBLISHED. " +
        "本报告已在本系统发布过，修改请走「更正」流程，不能再「登记已发布」。",
    };
  },
};
