import { readFile } from 'node:fs/promises';
import { SettingsError } from '../../detectors/settings.js';

/** Reads `bidwatch detect --settings file.json`: `{ "ALB": { … , "overrides": [ … ] }, … }`. */
export async function readSettingsFile(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new SettingsError(`无法读取设置文件：${path} (cannot read the settings file)`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new SettingsError(`设置文件不是有效的 JSON：${(e as Error).message} (settings file is not valid JSON)`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new SettingsError('设置文件应为 JSON 对象，如 {"ALB": {"r1": 0.55}} (settings file must be a JSON object)');
  }
  return value as Record<string, unknown>;
}
