/** A userError or refusal as the API gives it. */
export interface ApiUserError {
  code: string;
  message: string;
}

/**
 * The Chinese of an API message. Refusals are written "English. 中文" — the Chinese sentence follows the English
 * one — so the text from the first sentence that opens with a Chinese character on is kept; a message with no
 * Chinese is returned whole. CONFLICT's message is English only and gets the console's own words.
 */
export function chineseMessage(error: ApiUserError): string {
  if (error.code === "CONFLICT") return "报告在此期间已被修改，页面已按最新内容刷新；请核对后再操作。";
  const sentences = error.message.split(/(?<=[.!?])\s+/);
  const first = sentences.findIndex(sentence => /^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(sentence));
  return first < 0 ? error.message : sentences.slice(first).join(" ");
}

/** Several errors as one line. */
export function chineseMessages(errors: ReadonlyArray<ApiUserError>): string {
  return errors.map(chineseMessage).join("；");
}
