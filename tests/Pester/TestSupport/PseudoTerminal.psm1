<#
.SYNOPSIS
    Runs a shell command in a real pseudo-terminal (util-linux 'script') and types into it, for tests of
    what a person sees and types at a terminal: prompts, echo, Ctrl+C.
.DESCRIPTION
    $session = Start-PseudoTerminal -Command "aws sts get-caller-identity --profile x" -Environment @{ ... } [-Columns 80 -Rows 24]
    Wait-PseudoTerminalText $session 'Password for'          # what the terminal showed so far matches
    Send-PseudoTerminalText $session "secret`r"              # typed keys ([char]3 is Ctrl+C)
    $result = Wait-PseudoTerminal $session                   # ExitCode, Output (everything the terminal showed)
    The output is script's typescript: what the terminal displayed, echoed keys included, typed keys not.
#>
Set-StrictMode -Version 3.0

function Get-TestPwshCommandLine {
    <# .SYNOPSIS The command line that starts the PowerShell running these tests (dotnet pwsh.dll, or pwsh). #>
    [OutputType([string])]
    param()
    $process = [Environment]::ProcessPath
    if ([System.IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { return "'$process' '$(Join-Path $PSHOME 'pwsh.dll')'" }
    "'$process'"
}

function ConvertTo-ShellWord([string] $Text) { "'" + $Text.Replace("'", "'\''") + "'" }

function Start-PseudoTerminal {
    <# .SYNOPSIS Starts 'sh -c COMMAND' in a new pseudo-terminal; the command's stdin, stdout and stderr are the terminal. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Command, [hashtable] $Environment = @{}, [int] $Columns, [int] $Rows = 24)
    $directory = Join-Path ([IO.Path]::GetTempPath()) ('casaws-pty-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
    New-Item -ItemType Directory -Path $directory | Out-Null
    $typescript = Join-Path $directory 'typescript'
    if ($Columns) { $Command = "stty cols $Columns rows $Rows; $Command" }
    # A test run started in the background (a CI job, 'cmd &' in a script) inherits SIGINT and SIGQUIT as ignored, and so
    # would every program in the terminal: Ctrl+C would do nothing. A person's terminal never starts a command that way,
    # so the signals are set back to their defaults before 'script' starts (perl is part of every Debian and macOS).
    $info = [System.Diagnostics.ProcessStartInfo]::new('perl')
    $reset = '$SIG{INT} = $SIG{QUIT} = "DEFAULT"; exec { $ARGV[0] } @ARGV or die "cannot start $ARGV[0]: $!\n"'
    foreach ($argument in '-e', $reset, 'script', '--quiet', '--flush', '--return', '--command', $Command, $typescript) { $info.ArgumentList.Add($argument) }
    foreach ($name in @($info.Environment.Keys)) { if ($name -like 'AWS_*') { [void] $info.Environment.Remove($name) } }
    $info.Environment['SHELL'] = '/bin/sh'
    $info.Environment['TERM'] = 'dumb'
    foreach ($key in $Environment.Keys) { $info.Environment[$key] = [string] $Environment[$key] }
    $info.RedirectStandardInput = $true
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    [pscustomobject]@{
        Process    = $process
        Directory  = $directory
        Typescript = $typescript
        Drains     = @($process.StandardOutput.ReadToEndAsync(), $process.StandardError.ReadToEndAsync())
        Responder  = Start-CursorReportResponder -Process $process -Typescript $typescript
    }
}

function Start-CursorReportResponder {
    # .NET asks the terminal where the cursor is (ESC [ 6 n) before it draws PowerShell's progress bar, and a
    # terminal answers at once (ESC [ row ; column R). 'script' is no terminal emulator and never answers, so
    # every question would wait out .NET's timeout (about 14 s for one progress bar). This answers for it.
    param([System.Diagnostics.Process] $Process, [string] $Typescript)
    Start-ThreadJob -ArgumentList $Process, $Typescript -ScriptBlock {
        param($process, $typescript)
        $answered = 0
        while (-not $process.HasExited) {
            if (Test-Path -LiteralPath $typescript) {
                $stream = [IO.FileStream]::new($typescript, 'Open', 'Read', 'ReadWrite')
                try { $text = [IO.StreamReader]::new($stream).ReadToEnd() } finally { $stream.Dispose() }
                $asked = ([regex]::Matches($text, [regex]::Escape("$([char]27)[6n"))).Count
                if ($asked -gt $answered) {
                    [System.Threading.Monitor]::Enter($process)
                    try {
                        foreach ($question in ($answered + 1)..$asked) { $process.StandardInput.Write("$([char]27)[1;1R") }
                        $process.StandardInput.Flush()
                    } catch [System.IO.IOException] {
                        return   # the terminal has closed
                    } finally {
                        [System.Threading.Monitor]::Exit($process)
                    }
                    $answered = $asked
                }
            }
            Start-Sleep -Milliseconds 50
        }
    }
}

function Get-PseudoTerminalText {
    <# .SYNOPSIS What the terminal has shown so far. #>
    param([Parameter(Mandatory)] [object] $Session)
    if (-not (Test-Path -LiteralPath $Session.Typescript)) { return '' }
    $stream = [IO.FileStream]::new($Session.Typescript, 'Open', 'Read', 'ReadWrite')
    try { [IO.StreamReader]::new($stream).ReadToEnd() } finally { $stream.Dispose() }
}

function Wait-PseudoTerminalText {
    <# .SYNOPSIS Waits until the terminal has shown text matching -Pattern (-Count times); throws with the screen when it does not. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [object] $Session, [Parameter(Mandatory)] [string] $Pattern, [int] $Count = 1, [int] $TimeoutSeconds = 90, [int] $PollMilliseconds = 100)
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    while ($true) {
        $text = Get-PseudoTerminalText $Session
        if ([regex]::Matches($text, $Pattern).Count -ge $Count) { return }
        if ($Session.Process.HasExited -or $clock.Elapsed.TotalSeconds -gt $TimeoutSeconds) {
            throw "The terminal did not show '$Pattern' ($Count time(s)) within $TimeoutSeconds s. It shows:`n$text"
        }
        Start-Sleep -Milliseconds $PollMilliseconds
    }
}

function Send-PseudoTerminalText {
    <# .SYNOPSIS Types text into the terminal ("`r" is Enter, [char]3 is Ctrl+C). #>
    param([Parameter(Mandatory)] [object] $Session, [Parameter(Mandatory)] [string] $Text)
    [System.Threading.Monitor]::Enter($Session.Process)   # not in the middle of the cursor report responder's answer
    try {
        $Session.Process.StandardInput.Write($Text)
        $Session.Process.StandardInput.Flush()
    } finally {
        [System.Threading.Monitor]::Exit($Session.Process)
    }
}

function Wait-PseudoTerminal {
    <# .SYNOPSIS Waits for the command to end (killing it after -TimeoutSeconds), removes the files; returns ExitCode, Output, TimedOut. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [object] $Session, [int] $TimeoutSeconds = 120)
    $exited = $Session.Process.WaitForExit($TimeoutSeconds * 1000)
    if (-not $exited) { $Session.Process.Kill($true); $Session.Process.WaitForExit() }
    [void] [System.Threading.Tasks.Task]::WaitAll([System.Threading.Tasks.Task[]] $Session.Drains, 5000)
    $Session.Responder | Wait-Job -Timeout 5 | Out-Null
    $Session.Responder | Remove-Job -Force
    $output = Get-PseudoTerminalText $Session
    $exitCode = $Session.Process.ExitCode
    $Session.Process.StandardInput.Dispose()
    $Session.Process.Dispose()
    Remove-Item -LiteralPath $Session.Directory -Recurse -Force -ErrorAction SilentlyContinue
    [pscustomobject]@{ ExitCode = $exitCode; Output = $output; TimedOut = -not $exited }
}

Export-ModuleMember -Function Get-TestPwshCommandLine, ConvertTo-ShellWord, Start-PseudoTerminal, Get-PseudoTerminalText, Wait-PseudoTerminalText, Send-PseudoTerminalText, Wait-PseudoTerminal
