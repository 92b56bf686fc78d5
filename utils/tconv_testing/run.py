"""Running tconv's tools as child processes: the one place that runs a
command (with a time limit, its error output merged), and the tconv-run
runner's command line (a function of a module JIT-run on .npy files).
Standard library only."""

import functools
import subprocess


class ToolError(Exception):
    """A tool that failed; the message is the command and what it printed."""


def run_tool(cmd, timeout=None):
    """(exit status, output) of `cmd`, stderr merged into stdout. The exit
    status is None when the command could not run or timed out (the output
    then says so) and negative when a signal killed it."""
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True,
                              timeout=timeout)
        return proc.returncode, proc.stdout
    except subprocess.TimeoutExpired as e:
        # e.stdout is bytes even with text=True.
        output = e.stdout.decode() if isinstance(e.stdout, bytes) else ""
        return None, output + f"\ntimeout after {timeout} s"
    except OSError as e:  # e.g. the tool is being rebuilt
        return None, f"cannot run {cmd[0]}: {e}"


def check_tool(cmd, timeout=None):
    """Runs `cmd`; raises ToolError unless it exits with status 0."""
    status, output = run_tool(cmd, timeout)
    if status != 0:
        raise ToolError(f"{' '.join(cmd)} failed:\n{output.strip()}")
    return output


def tconv_run_command(tool, module, entry, inputs, output=None, check=False,
                      extra_args=()):
    """The command that runs `tool` (a tconv-run) on function `entry` of
    `module` with the .npy files `inputs`, the first result written to
    `output` when given, checked against tconv's reference with `check`."""
    cmd = [tool, module, f"--entry={entry}", "--inputs=" + ",".join(inputs)]
    if output:
        cmd.append(f"--output={output}")
    if check:
        cmd.append("--check")
    return cmd + list(extra_args)


@functools.lru_cache(maxsize=None)
def default_tolerances(tconv_run):
    """The largest normwise relative error that passes, per element type
    name (f32, f16, bf16): tconv-run --check's defaults, which `tconv_run`
    prints, so that Python checks and tconv-run never disagree."""
    out = check_tool([tconv_run, "--print-default-tolerances"])
    return {dtype: float(value)
            for dtype, value in map(str.split, out.splitlines())}
