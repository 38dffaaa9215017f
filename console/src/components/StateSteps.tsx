import { Steps } from "antd";
import type { ReportState } from "../gql/graphql";

interface Props {
  definition: { states: ReadonlyArray<{ state: ReportState; label: string }> };
  state: ReportState;
  size?: "small" | "default";
}

/** The machine's states as a step bar, in the order workflowDefinition gives them. */
export function StateSteps({ definition, state, size = "default" }: Props) {
  const current = definition.states.findIndex(item => item.state === state);
  return (
    <div role="img" aria-label={`流程状态：${definition.states[current]?.label ?? state}`} className="gk-steps">
      <Steps size={size} type={size === "small" ? "inline" : "default"} current={current} items={definition.states.map(item => ({ title: item.label }))} />
    </div>
  );
}
