// The client's declarations (createClient options, beforeSend, call options, resend, answer_lost),
// compiled with `tsc --noEmit --strict` against the installed package.
import { createClient, AliyunIdvError, type BeforeSendInfo, type ClientResult } from "aliyun-idv";

async function clientUsage(): Promise<void> {
  const journal: BeforeSendInfo[] = [];
  const client = createClient({
    accessKeyId: "id",
    accessKeySecret: "secret",
    maxResponseBytes: 65536,
    now: () => new Date(0),
    sleep: async (ms: number) => void ms,
    beforeSend: async (info) => {
      const resend: boolean = info.resend;
      const body: string | null = info.request.body;
      void [resend, body];
      journal.push(info);
    },
  });
  const controller = new AbortController();
  const r: ClientResult = await client.id2MetaVerifyIntl({ idNumber: "x", name: "y" }, { signal: controller.signal });
  if (r.errorKind === "answer_lost") {
    const billed: boolean | null = r.billed;
    const why: "nonce_used" | "retries_exhausted" | "window_closed" | "resend_refused" | undefined = r.lostReason;
    const nonce: string | null = r.nonce;
    void [billed, why, nonce];
  }
  const first = journal[0];
  if (first) {
    const again = await client.resend(first.action, first.request, { timestamp: first.timestamp ?? new Date(0) });
    void again.attempts;
  }
  try {
    await client.id2MetaVerify({ idNumber: "x", name: "y" });
  } catch (e) {
    if (e instanceof AliyunIdvError && e.code === "ABORTED") {
      const b: boolean | null | undefined = e.billed;
      void b;
    }
  }
  // @ts-expect-error the signal must be an AbortSignal
  await client.id2MetaVerifyIntl({ idNumber: "x", name: "y" }, { signal: "stop" });
}
void clientUsage;
