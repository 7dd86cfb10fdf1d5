// The emulator of the end-to-end checks: started on 127.0.0.1 as the environment's account, on a free port,
// stopped on request, and a signal that aborts when it dies on its own (so engine commands stop at once).
// A stand-in server (fixtures/fake-moto-server.js) takes moto's place, so this runs without the toolchain.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort, startEmulator } from '@lambda-vpc/tools/dist/engine/emulator-server';

const fakeMoto = path.join(__dirname, 'fixtures', 'fake-moto-server.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-emulator-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const answers = async (endpoint: string): Promise<boolean> => {
  try {
    await fetch(`${endpoint}/moto-api/data.json`, { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
};

describe('startEmulator', () => {
  it(
    'serves on 127.0.0.1 as the account given, with AWS managed policies loaded, and logs to the file ' + 'given',
    async () => {
      const emulator = await startEmulator({
        motoServer: fakeMoto,
        accountId: '222222222222',
        logFile: path.join(work, 'one', 'moto.log'),
      });
      try {
        expect(emulator.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:[0-9]+$/);
        const response = (await (await fetch(`${emulator.endpoint}/moto-api/data.json`)).json()) as Record<
          string,
          unknown
        >;
        expect(response).toMatchObject({
          path: '/moto-api/data.json',
          account: '222222222222',
          managedPolicies: 'true',
        });
        expect(fs.readFileSync(emulator.logFile, 'utf8')).toContain(
          `fake moto on 127.0.0.1:${new URL(emulator.endpoint).port}`,
        );
      } finally {
        await emulator.stop();
      }
    },
  );

  it('stop() ends the server without aborting its signal', async () => {
    const emulator = await startEmulator({
      motoServer: fakeMoto,
      accountId: '111111111111',
      logFile: path.join(work, 'two.log'),
    });
    await emulator.stop();
    expect(await answers(emulator.endpoint)).toBe(false);
    expect(emulator.gone.aborted).toBe(false);
  });

  it('aborts its signal, naming the log, when the server dies on its own', async () => {
    const emulator = await startEmulator({
      motoServer: fakeMoto,
      accountId: '111111111111',
      logFile: path.join(work, 'three.log'),
    });
    const aborted = new Promise<void>((resolve) => emulator.gone.addEventListener('abort', () => resolve()));
    const { pid } = (await (await fetch(`${emulator.endpoint}/moto-api/data.json`)).json()) as { pid: number };
    process.kill(pid, 'SIGTERM');
    await aborted;
    expect((emulator.gone.reason as Error).message).toMatch(
      /^the emulator exited unexpectedly \(SIGTERM\); its log: .*three\.log$/,
    );
    await emulator.stop();
  });

  it('refuses a server that exits at start, with the end of its log', async () => {
    process.env.FAKE_MOTO_FAIL = 'port taken';
    try {
      await expect(
        startEmulator({ motoServer: fakeMoto, accountId: '111111111111', logFile: path.join(work, 'four.log') }),
      ).rejects.toThrow(/^the emulator \(fake-moto-server\.js on port [0-9]+\) exited:\nfake moto: port taken$/);
    } finally {
      delete process.env.FAKE_MOTO_FAIL;
    }
  });

  it('refuses a server program that is not installed, naming the command that installs it', async () => {
    await expect(
      startEmulator({
        motoServer: path.join(work, 'moto_server'),
        accountId: '111111111111',
        logFile: path.join(work, 'five.log'),
      }),
    ).rejects.toThrow(`${path.join(work, 'moto_server')} is missing: run npm run toolchain first`);
  });
});

describe('freePort', () => {
  it('gives a port nothing listens on', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    expect(await answers(`http://127.0.0.1:${port}`)).toBe(false);
  });
});
