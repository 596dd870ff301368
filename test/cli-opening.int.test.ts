import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../src/cli/main.js';
import { attachment1Of } from './support/opening.js';

/** Taking the ledger into use from the command line: the organisation, and the opening balance by hand or from a sheet. */
function cli(directory: string, extra: Partial<CliIo> = {}) {
  return async (args: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      readStdin: async () => '',
      env: { LEDGER_STORE: join(directory, 'ledger.sqlite'), LEDGER_ACTOR: 'sekretariat' },
      ...extra,
    });
    return { code, stdout: stdout.replaceAll('\u00a0', ' '), stderr };
  };
}

let workbook: Buffer;
beforeAll(async () => {
  workbook = await attachment1Of('xlsx');
});

describe('ledger organisation set and ledger open-balances', () => {
  let directory: string;
  let run: ReturnType<typeof cli>;
  let sheet: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'ledger-opening-'));
    run = cli(directory);
    sheet = join(directory, 'vedlegg-1.xlsx');
    writeFileSync(sheet, workbook);
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  const frame = async (year: number) => JSON.parse((await run(['frame', String(year), '--json'])).stdout).figures as Record<string, string>;

  it('records the organisation, which then heads the documents and funds the 360Giving export', async () => {
    const set = await run([
      'organisation',
      'set',
      '--name',
      'Helsefellesskap Testby',
      '--committee',
      'Strategisk samarbeidsutvalg',
      '--funder-id',
      'XI-TEST-1',
    ]);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain('Organisasjon: Helsefellesskap Testby · Strategisk samarbeidsutvalg (360Giving-ID XI-TEST-1)');
    const again = await run([
      'organisation',
      'set',
      '--name',
      'Helsefellesskap Testby',
      '--committee',
      'Strategisk samarbeidsutvalg',
      '--funder-id',
      'XI-TEST-1',
    ]);
    expect(again.stdout).toContain('Var registrert fra før');
    const grants = await run(['report', 'grants', '--format', '360giving-json']);
    expect(grants.code, grants.stderr).toBe(0);
    expect(JSON.parse(grants.stdout).publisher).toEqual({ name: 'Helsefellesskap Testby', identifier: 'XI-TEST-1' });
  });

  it('previews the import without recording it, then records it with --yes: the 2025 frame is 12 595 000', async () => {
    const args = [
      'open-balances',
      'import',
      sheet,
      '--year',
      '2025',
      '--register-new',
      '--funds',
      'received',
      '--received-on',
      '2025-03-03',
    ];
    const preview = await run(args);
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toContain('Inngående balanse 2025 fra «Vedlegg 1 til sak 22.25», sak 22.25, 11.09.2025');
    expect(preview.stdout).toMatch(/Gjenstående fra i fjor\s+kr 980 000/);
    expect(preview.stdout).toMatch(/Øremerket fra i fjor\s+kr 8 720 000/);
    expect(preview.stdout).toMatch(/Mottatt 2025 \(i arket\)\s+kr 10 615 000 — registreres som mottatt/);
    expect(preview.stdout).toMatch(/ 3\s+VIP \(very important patient\)\s+vip\s+kr 1 000 000\s+kr 1 000 000\s+ny, registreres/);
    expect(preview.stdout).toContain('Registreres: 4 nye programområder, 18 nye satsninger og den inngående balansen (23 kommandoer).');
    expect(preview.stdout).toContain('Ingenting er registrert ennå: kjør igjen med --yes');
    expect((await run(['frame', '2025', '--json'])).stdout).toContain('"frame": "0.00"');
    const recorded = await run([...args, '--yes']);
    expect(recorded.code, recorded.stderr).toBe(0);
    expect(recorded.stdout).toContain('Registrert 23 kommandoer');
    expect(await frame(2025)).toMatchObject({
      received: '10615000.00',
      remainderCarriedIn: '980000.00',
      frame: '12595000.00',
      earmarkedCarriedIn: '8720000.00',
    });
    const explained = await run(['explain', '2025', 'remainderCarriedIn']);
    expect(explained.stdout).toContain('Inngående balanse 2025 fra «Vedlegg 1 til sak 22.25», sak 22.25, 11.09.2025');
  });

  it('asks on a terminal, and records only when the answer is yes', async () => {
    const args = ['open-balances', 'import', sheet, '--year', '2025', '--register-new'];
    const no = await cli(directory, { confirm: async () => false })(args);
    expect(no.stdout).toContain('Ingenting er registrert.');
    expect(await frame(2025)).toMatchObject({ earmarkedCarriedIn: '0.00' });
    const yes = await cli(directory, { confirm: async () => true })(args);
    expect(yes.stdout).toContain('Registrert 23 kommandoer');
    expect(await frame(2025)).toMatchObject({ earmarkedCarriedIn: '8720000.00', received: '0.00' });
  });

  it('refuses a sheet with problems, naming their lines and columns, and records nothing', async () => {
    const own = join(directory, 'egen.csv');
    writeFileSync(
      own,
      ['Programområde;Satsning;Overført 2025', 'Barn og unge;Barn med autisme;200 000,125', 'Barn og unge;SAMBA;tusen', 'Sum;;1'].join(
        '\n',
      ),
    );
    const result = await run(['open-balances', 'import', own, '--year', '2025', '--register-new', '--source-date', '2025-09-11', '--yes']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('linje 2, kolonne C (Overført 2025): «200 000,125» har 3 desimaler');
    expect(result.stderr).toContain('linje 3, kolonne C (Overført 2025): «tusen» er ikke et beløp');
    expect(result.stderr).toContain('Ingenting er registrert.');
    expect((await run(['verify'])).stdout).toContain('OK: 0 hendelser');
  });

  it('records an opening balance by hand, checking the stated total against the lines', async () => {
    await run(['programme-area', 'add', 'omrade', '--name', 'Område', '--date', '2025-01-01']);
    await run([
      'initiative',
      'add',
      'tiltak',
      '--name',
      'Tiltak',
      '--area',
      'omrade',
      '--criterion',
      'drift',
      '--phase',
      'oppstart',
      '--date',
      '2025-01-01',
    ]);
    const base = [
      'open-balances',
      'record',
      '2025',
      '--source',
      'Overføringer 2024',
      '--source-date',
      '2024-12-31',
      '--remainder',
      '100000',
      '--earmark',
      'tiltak=250000@04.25',
      '--date',
      '2025-01-01',
    ];
    const wrong = await run([...base, '--earmarked-total', '250001']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/avvist: Oppgitt sum kr\s250\s001 er ikke summen av linjene, kr\s250\s000\./);
    const right = await run([...base, '--earmarked-total', '250000']);
    expect(right.code, right.stderr).toBe(0);
    expect(right.stdout).toContain('Inngående balanse 2025: øremerket kr 250 000 til Tiltak, sak 04.25');
    expect(await frame(2025)).toMatchObject({ frame: '100000.00', earmarkedCarriedIn: '250000.00' });
  });

  it('has its own help', async () => {
    const help = await run(['open-balances', 'import', '--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--year', '--yes', '--register-new', '--funds', '--map', '--source-date']) expect(help.stdout).toContain(flag);
  });
});
