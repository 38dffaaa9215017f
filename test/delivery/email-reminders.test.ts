import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { DeadlineReminders } from "../../src/live/reminders";
import { startServer } from "../../src/server/server";
import type { RunningServer } from "../../src/server/server";
import type { Services } from "../../src/services";
import { openTwoInstances } from "../live/live-fixture";
import { HAPPY_PATH, createTeam, createValidDraft, walk } from "../support/workflow-fixture";
import type { Team } from "../support/workflow-fixture";
import { TOKENS, ask, startReceiver, waitUntil } from "./delivery-fixture";

jest.setTimeout(90_000);

interface Mail {
  from: string;
  to: string[];
  user: string | undefined;
  text: string;
}

/** An SMTP server in the test (the smtp-server package): accepts gongkai/secret-pass, keeps every message. */
async function startSmtp(): Promise<{ port: number; mails: Mail[]; close(): Promise<void> }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === "gongkai" && auth.password === "secret-pass") callback(null, { user: auth.username });
      else callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", chunk => chunks.push(chunk));
      stream.on("end", () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map(to => to.address),
          user: session.user as string | undefined,
          text: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>(resolve => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.server.address() as AddressInfo).port, mails, close: () => new Promise<void>(resolve => server.close(() => resolve())) };
}

/** The subject header, decoded (nodemailer encodes non-ASCII subjects as RFC 2047 words). */
function subjectOf(mail: Mail): string {
  const header = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(mail.text)![1];
  return header
    .split(/\r\n[ \t]/)
    .map(part =>
      part.replace(/=\?UTF-8\?([BQ])\?(.*?)\?=/gi, (_m, kind: string, data: string) =>
        kind.toUpperCase() === "B" ? Buffer.from(data, "base64").toString("utf8") : data,
      ),
    )
    .join("")
    .replace(/\s+/g, "");
}

describe("e-mail and deadline reminders", () => {
  let instances: Awaited<ReturnType<typeof openTwoInstances>>;
  let servers: RunningServer[];
  let smtp: Awaited<ReturnType<typeof startSmtp>>;

  beforeEach(async () => {
    smtp = await startSmtp();
    instances = await openTwoInstances();
    const outbound = { delivery: { pollMs: 100, baseDelayMs: 200 } };
    servers = [
      await startServer(instances.a, { port: 0, host: "127.0.0.1", tokens: TOKENS, outbound }),
      await startServer(instances.b, { port: 0, host: "127.0.0.1", tokens: TOKENS, outbound }),
    ];
  });

  afterEach(async () => {
    for (const server of servers) await server.close();
    await instances.close();
    await smtp.close();
  });

  async function configureMail(team: Team, emails: Array<[keyof Team, string]>) {
    const set = await ask(
      servers[0].url,
      team.ADMIN,
      `mutation($port: Int!) { smtpConfigSet(input: { host: "127.0.0.1", port: $port, username: "gongkai", password: "secret-pass", from: "gongkai@example.gov.cn" }) { userErrors { code message } } }`,
      { port: smtp.port },
    );
    expect(set.data.smtpConfigSet.userErrors).toEqual([]);
    for (const [role, email] of emails) await instances.a.delivery.setEmail(team.ADMIN, team[role].name, email);
  }

  it("mails the people who act next, through the agency's SMTP server, once however many instances run", async () => {
    const team = await createTeam(instances.a, "EM");
    await configureMail(team, [
      ["SECRECY_REVIEWER", "reviewer@example.gov.cn"],
      ["DRAFTER", "drafter@example.gov.cn"],
    ]);
    const report = await createValidDraft(instances.b, team);
    await walk(instances.b, team, report.id, [["SUBMIT", "DRAFTER"]]);
    await waitUntil(() => smtp.mails.length >= 1);
    await walk(instances.b, team, report.id, [["REJECT", "SECRECY_REVIEWER"]], "第三节数字不符");
    await waitUntil(() => smtp.mails.length >= 2);
    await new Promise(resolve => setTimeout(resolve, 500));

    expect(smtp.mails.map(mail => [mail.to, mail.from, mail.user])).toEqual([
      [["reviewer@example.gov.cn"], "gongkai@example.gov.cn", "gongkai"],
      [["drafter@example.gov.cn"], "gongkai@example.gov.cn", "gongkai"],
    ]);
    expect(subjectOf(smtp.mails[0])).toContain("待您通过保密审查");
    expect(subjectOf(smtp.mails[1])).toContain("已被退回修改");
    const rows = await instances.a.db.read(manager => manager.query("SELECT channel, recipient, status, attempts, response_code FROM delivery ORDER BY id"));
    expect(rows.map((row: any) => [row.channel, row.recipient, row.status, Number(row.attempts), Number(row.response_code)])).toEqual([
      ["EMAIL", "reviewer@example.gov.cn", "DELIVERED", 1, 250],
      ["EMAIL", "drafter@example.gov.cn", "DELIVERED", 1, 250],
    ]);
  });

  /** Reminder checkers on both instances with one injected clock. */
  function checkers(clock: { now: Date }): DeadlineReminders[] {
    return [instances.a, instances.b].map((services: Services, i) => new DeadlineReminders(services.db, { now: () => clock.now, instance: `i${i}` }));
  }

  it("reminds drafters and leaders on 15 and 25 January, reports an overdue report on 1 February, each once", async () => {
    const office = await createTeam(instances.a, "RO");
    const team = await createTeam(instances.a, "RA", "RO");
    const done = await createTeam(instances.a, "RP", "RO");
    await configureMail(team, [["DRAFTER", "drafter@example.gov.cn"]]);
    const receiver = await startReceiver(() => 200);
    const added = await ask(servers[0].url, team.ADMIN, "mutation($url: String!) { webhookEndpointAdd(input: { url: $url }) { userErrors { code } } }", {
      url: receiver.url,
    });
    expect(added.data.webhookEndpointAdd.userErrors).toEqual([]);
    const open = await createValidDraft(instances.a, team);
    const published = await createValidDraft(instances.a, done);
    await walk(instances.a, done, published.id, HAPPY_PATH);

    const clock = { now: new Date("2021-01-14T23:00:00Z") };
    const [a, b] = checkers(clock);
    const both = async () => (await Promise.all([a.check(), b.check()])).reduce((x, y) => x + y, 0);
    expect(await both()).toBe(0); // before 15 January, 09:00 Beijing time
    clock.now = new Date("2021-01-15T01:00:00Z");
    expect(await both()).toBe(1); // the open report only, by one of the two instances
    expect(await both()).toBe(0);
    clock.now = new Date("2021-01-20T00:00:00Z");
    expect(await both()).toBe(0);
    clock.now = new Date("2021-01-25T05:00:00Z");
    expect(await both()).toBe(1);
    clock.now = new Date("2021-01-31T15:59:00Z"); // 23:59 on the due day, Beijing time: not yet overdue
    expect(await both()).toBe(0);
    clock.now = new Date("2021-02-01T01:00:00Z");
    expect(await both()).toBe(1);
    expect(await both()).toBe(0);

    const reminders = await instances.a.db.read(manager => manager.query("SELECT report_id, kind FROM report_reminder ORDER BY at"));
    expect(reminders.map((row: any) => [Number(row.report_id), row.kind])).toEqual([
      [open.id, "REMINDER_1"],
      [open.id, "REMINDER_2"],
      [open.id, "OVERDUE"],
    ]);
    const NOTES = "{ viewer { notifications(first: 10) { nodes { kind reason } } } }";
    const notes = async (who: Team[keyof Team]) => (await ask(servers[0].url, who, NOTES)).data.viewer.notifications.nodes;
    await waitUntil(async () => (await notes(office.AUDITOR)).length === 1);
    expect(await notes(office.AUDITOR)).toEqual([{ kind: "OVERDUE", reason: "已超过公布期限（2021年1月31日）仍未发布" }]);
    for (const who of [team.DRAFTER, team.LEADER]) {
      expect(await notes(who)).toEqual([
        { kind: "REMINDER", reason: "须于 2021年1月31日 前公布" },
        { kind: "REMINDER", reason: "须于 2021年1月31日 前公布" },
      ]);
    }
    // Nobody else is reminded: not the other roles, not the agency whose report is published.
    for (const who of [team.SECRECY_REVIEWER, team.PUBLISHER, team.AUDITOR, done.DRAFTER, done.LEADER, done.AUDITOR]) {
      expect((await notes(who)).filter((note: { kind: string }) => ["REMINDER", "OVERDUE"].includes(note.kind))).toEqual([]);
    }
    // The drafter, who has an address and whose agency has a mail server, also got both by e-mail.
    await waitUntil(() => smtp.mails.length >= 2);
    expect(smtp.mails.map(mail => [mail.to, subjectOf(mail).includes("尚未发布")])).toEqual([
      [["drafter@example.gov.cn"], true],
      [["drafter@example.gov.cn"], true],
    ]);
    // And the agency's webhook received the three, once each.
    await waitUntil(() => receiver.received.length >= 3);
    await receiver.close();
    expect(receiver.received.map(r => JSON.parse(r.body)).map(b => [b.event, b.step, b.reminder, b.report.databaseId, b.report.state])).toEqual([
      ["report.reminder", null, { kind: "REMINDER_1", due: "2021-01-31" }, open.id, "draft"],
      ["report.reminder", null, { kind: "REMINDER_2", due: "2021-01-31" }, open.id, "draft"],
      ["report.reminder", null, { kind: "OVERDUE", due: "2021-01-31" }, open.id, "draft"],
    ]);
  });
});
