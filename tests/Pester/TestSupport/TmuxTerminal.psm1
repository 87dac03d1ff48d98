<#
.SYNOPSIS
    Test helpers: an interactive shell in a real terminal emulator (a private tmux server), for tests of
    what a user sees at the PowerShell prompt. util-linux 'script' is not enough there: PSReadLine asks
    the terminal where its cursor is and waits for an answer that only a terminal emulator gives.
.DESCRIPTION
    $term = Start-TmuxTerminal -Command "pwsh -NoProfile" -Columns 200
    Wait-TmuxText $term 'PS ' | Should -BeTrue
    Send-TmuxKeys $term 'Get-Date'        # typed, then Enter
    $shown = Stop-TmuxTerminal $term       # every byte the terminal received, escape sequences included
#>
Set-StrictMode -Version 3.0

function Test-TmuxAvailable {
    [OutputType([bool])]
    param()
    [bool] (Get-Command tmux -CommandType Application -ErrorAction SilentlyContinue)
}

function Start-TmuxTerminal {
    <# .SYNOPSIS Starts /bin/sh -c COMMAND in a detached tmux window of the given size, recording all it prints. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Command, [int] $Columns = 200, [int] $Rows = 50)
    $work = Join-Path ([System.IO.Path]::GetTempPath()) ('casaws-tmux-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
    New-Item -ItemType Directory -Path $work | Out-Null
    $terminal = [pscustomobject]@{ Socket = Split-Path $work -Leaf; Output = Join-Path $work 'output'; WorkDirectory = $work }
    # The command waits until the recording is on, and its window stays until the server is killed, so the
    # recording holds everything from the first byte to the last.
    & tmux -L $terminal.Socket -f /dev/null new-session -d -s test -x $Columns -y $Rows "tmux -L $($terminal.Socket) wait-for recording; $Command; sleep 600"
    if ($LASTEXITCODE -ne 0) { throw "tmux could not start '$Command'." }
    & tmux -L $terminal.Socket pipe-pane -t test "cat >> '$($terminal.Output)'"
    & tmux -L $terminal.Socket wait-for -S recording
    $terminal
}

function Get-TmuxText {
    <# .SYNOPSIS What the terminal has received so far. #>
    param([Parameter(Mandatory)] [object] $Terminal)
    if (-not (Test-Path -LiteralPath $Terminal.Output)) { return '' }
    [System.IO.File]::ReadAllText($Terminal.Output)
}

function Wait-TmuxText {
    <# .SYNOPSIS True once the visible screen shows the text (a wildcard pattern), false after the timeout. #>
    param([Parameter(Mandatory)] [object] $Terminal, [Parameter(Mandatory)] [string] $Pattern, [int] $TimeoutSeconds = 120)
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    while ($watch.Elapsed.TotalSeconds -lt $TimeoutSeconds) {
        $screen = (& tmux -L $Terminal.Socket capture-pane -p -t test 2>$null) -join "`n"
        if ($screen -like "*$Pattern*") { return $true }
        Start-Sleep -Milliseconds 200
    }
    $false
}

function Send-TmuxKeys {
    <# .SYNOPSIS Types the text literally, then Enter. #>
    param([Parameter(Mandatory)] [object] $Terminal, [Parameter(Mandatory)] [string] $Line)
    & tmux -L $Terminal.Socket send-keys -t test -l $Line
    & tmux -L $Terminal.Socket send-keys -t test Enter
}

function Stop-TmuxTerminal {
    <# .SYNOPSIS Ends the tmux server and what runs in it, removes the temporary files and returns what the terminal received. #>
    param([Parameter(Mandatory)] [object] $Terminal)
    & tmux -L $Terminal.Socket kill-server 2>$null
    $text = Get-TmuxText $Terminal
    Remove-Item -LiteralPath $Terminal.WorkDirectory -Recurse -Force -ErrorAction SilentlyContinue
    $text
}

Export-ModuleMember -Function Test-TmuxAvailable, Start-TmuxTerminal, Get-TmuxText, Wait-TmuxText, Send-TmuxKeys, Stop-TmuxTerminal
