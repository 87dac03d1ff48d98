<#
.SYNOPSIS
    Test helpers: run a shell command in a real pseudo-terminal (util-linux 'script'), type into it
    when a text appears on the screen, and read back what the terminal showed.
.DESCRIPTION
    $term = Start-PseudoTerminal -Command "pwsh ... > out.txt" -Columns 80
    Wait-TerminalText $term 'User: ' | Should -BeTrue
    Send-TerminalKeys $term "bob`r"
    $screen = Stop-PseudoTerminal $term      # everything the terminal showed (the typescript)
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

function Start-PseudoTerminal {
    <# .SYNOPSIS Starts /bin/sh -c COMMAND in a new pseudo-terminal of the given size; keys are typed with Send-TerminalKeys. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Command, [int] $Columns = 80, [int] $Rows = 24)
    $work = Join-Path ([System.IO.Path]::GetTempPath()) ('casaws-pty-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
    New-Item -ItemType Directory -Path $work | Out-Null
    $typescript = Join-Path $work 'typescript'
    $info = [System.Diagnostics.ProcessStartInfo]::new('script')
    foreach ($argument in '--quiet', '--flush', '--return', '--command', "stty cols $Columns rows $Rows; $Command", $typescript) { $info.ArgumentList.Add($argument) }
    $info.RedirectStandardInput = $true
    $info.RedirectStandardOutput = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    $drain = $process.StandardOutput.ReadToEndAsync()   # script copies the screen to its stdout too
    [pscustomobject]@{ Process = $process; Typescript = $typescript; WorkDirectory = $work; Drain = $drain }
}

function Get-TerminalText {
    <# .SYNOPSIS What the terminal has shown so far. #>
    param([Parameter(Mandatory)] [object] $Terminal)
    if (-not (Test-Path -LiteralPath $Terminal.Typescript)) { return '' }
    [System.IO.File]::ReadAllText($Terminal.Typescript)
}

function Wait-TerminalText {
    <# .SYNOPSIS True once the terminal shows the text (a wildcard pattern), false after the timeout or when the command ended. #>
    param([Parameter(Mandatory)] [object] $Terminal, [Parameter(Mandatory)] [string] $Pattern, [int] $TimeoutSeconds = 120)
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    while ($watch.Elapsed.TotalSeconds -lt $TimeoutSeconds) {
        if ((Get-TerminalText $Terminal) -like "*$Pattern*") { return $true }
        if ($Terminal.Process.HasExited) { return (Get-TerminalText $Terminal) -like "*$Pattern*" }
        Start-Sleep -Milliseconds 100
    }
    $false
}

function Send-TerminalKeys {
    <# .SYNOPSIS Types the text into the terminal (use "`r" for Enter). #>
    param([Parameter(Mandatory)] [object] $Terminal, [Parameter(Mandatory)] [string] $Keys)
    $Terminal.Process.StandardInput.Write($Keys)
    $Terminal.Process.StandardInput.Flush()
}

function Stop-PseudoTerminal {
    <# .SYNOPSIS Waits for the command to end (killing it after the timeout), removes the temporary files and returns what the terminal showed. #>
    param([Parameter(Mandatory)] [object] $Terminal, [int] $TimeoutSeconds = 120)
    if (-not $Terminal.Process.WaitForExit($TimeoutSeconds * 1000)) { $Terminal.Process.Kill($true) }
    $Terminal.Process.WaitForExit()
    $Terminal.Process.StandardInput.Dispose()
    [void] $Terminal.Drain.Wait(5000)
    $text = Get-TerminalText $Terminal
    $Terminal.Process.Dispose()
    Remove-Item -LiteralPath $Terminal.WorkDirectory -Recurse -Force -ErrorAction SilentlyContinue
    $text
}

Export-ModuleMember -Function Get-TestPwshCommandLine, Start-PseudoTerminal, Get-TerminalText, Wait-TerminalText, Send-TerminalKeys, Stop-PseudoTerminal
