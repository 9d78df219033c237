import { readFile } from 'node:fs/promises';
import { CardinalInputError, formatCardinalJson, parseJsonLines, runCardinalIndicators } from '../../detectors/cardinal/run.js';
import { CardinalSettingsError, readCardinalIni } from '../../detectors/cardinal/settings.js';
import type { CardinalSettings } from '../../detectors/cardinal/types.js';
import { EXIT, out, say } from './cli-context.js';

/** Every shared indicator with cardinal's defaults, for a run without --settings. */
const ALL_DEFAULT = '[R018]\n[R024]\n[R028]\n[R035]\n[R036]\n[R038]\n[R058]\n';

async function readText(path: string): Promise<string> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  return readFile(path, 'utf8');
}

/**
 * `indicators FILE.jsonl [--settings FILE]`: cardinal-rs's `indicators` command for the indicators both share,
 * same input (OCDS compiled releases, one per line), same INI settings, same output shape. No database.
 */
export async function indicatorsCommand(file: string, o: { settings?: string }): Promise<number> {
  let text: string;
  let iniText: string;
  try {
    text = await readText(file);
  } catch (e) {
    say(`无法读取输入文件 ${file}：${(e as Error).message} (cannot read the input)`);
    return EXIT.usage;
  }
  try {
    iniText = o.settings ? await readFile(o.settings, 'utf8') : ALL_DEFAULT;
  } catch (e) {
    say(`无法读取设置文件 ${o.settings}：${(e as Error).message} (cannot read the settings file)`);
    return EXIT.usage;
  }
  if (!o.settings) say('未指定 --settings：以默认设置运行全部 7 项指标 (no settings file: all seven indicators with defaults)');
  let settings: CardinalSettings;
  try {
    const ini = readCardinalIni(iniText);
    settings = ini.settings;
    if (ini.unsupportedSections.length) {
      say(`设置中的以下部分 bidwatch 不支持，已忽略：${ini.unsupportedSections.join(', ')} (sections not supported, ignored)`);
    }
  } catch (e) {
    if (e instanceof CardinalSettingsError) {
      say(`设置文件有误：${e.message} (invalid settings)`);
      return EXIT.usage;
    }
    throw e;
  }
  try {
    out(formatCardinalJson(runCardinalIndicators(parseJsonLines(text), settings)));
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CardinalInputError) {
      say(`输入不是有效的 JSON Lines：${e.message} (unreadable input)`);
      return EXIT.usage;
    }
    throw e;
  }
}
