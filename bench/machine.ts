/** The machine a benchmark ran on, so figures from different machines are never compared blindly. */
import { cpus, totalmem, platform, release, loadavg } from 'node:os';
import { execFileSync } from 'node:child_process';

export interface MachineInfo {
  cpu: string;
  cores: number;
  ramBytes: number;
  node: string;
  os: string;
  commit: string;
  /** 1-minute load average when the run started: above the core count, other work was competing for the CPU. */
  loadAverage: number;
}

export function machineInfo(projectRoot: string): MachineInfo {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: projectRoot, encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    ramBytes: totalmem(),
    node: process.version,
    os: `${platform()} ${release()}`,
    commit,
    loadAverage: loadavg()[0]!,
  };
}
