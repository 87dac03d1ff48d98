<#
.SYNOPSIS
    The test command's stages as child processes that run side by side: each is started with its output
    in a log file (or on the console), timed, and waited for.
#>
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot 'CpuTime.psm1')

# This process's children's CPU seconds when it last looked: a stage's CPU is what was added by the time it ended.
$script:ChildCpuMark = $null

function Start-StageProcess {
    <#
    .SYNOPSIS
        Starts one stage (a program and its arguments) and returns Name, Process and LogPath.
        With -LogPath its output goes to that file and its error output to the same path + '.err' (or,
        with -ErrorOnConsole, to this console); without, both go to this console as they come.
        -Environment sets variables for the stage only (a null value removes one).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [string] $FilePath,
        [Parameter(Mandatory)] [string[]] $ArgumentList,
        [string] $LogPath,
        [switch] $ErrorOnConsole,
        [hashtable] $Environment = @{}
    )
    $info = [System.Diagnostics.ProcessStartInfo]::new($FilePath)
    foreach ($argument in $ArgumentList) { $info.ArgumentList.Add($argument) }
    foreach ($variable in $Environment.Keys) {
        if ($null -eq $Environment[$variable]) { [void] $info.Environment.Remove($variable) } else { $info.Environment[$variable] = $Environment[$variable] }
    }
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = [bool] $LogPath
    $info.RedirectStandardError = $LogPath -and -not $ErrorOnConsole
    $process = [System.Diagnostics.Process]::new()
    $process.StartInfo = $info
    if ($null -eq $script:ChildCpuMark) { $script:ChildCpuMark = Get-CpuSeconds -Children }
    $logs = @()
    $copies = @()
    [void] $process.Start()
    $startedAt = [DateTime]::Now   # the process's own StartTime cannot be read once it has exited
    if ($LogPath) {
        # Each pipe into its file from a .NET thread, so the child never blocks on a full pipe.
        $logs = @([System.IO.File]::Create($LogPath))
        $copies = @($process.StandardOutput.BaseStream.CopyToAsync($logs[0]))
        if (-not $ErrorOnConsole) {
            $logs += [System.IO.File]::Create("$LogPath.err")
            $copies += $process.StandardError.BaseStream.CopyToAsync($logs[1])
        }
    }
    [pscustomobject]@{
        Name = $Name; Process = $process; StartedAt = $startedAt; LogPath = $LogPath
        Logs = $logs; Copies = $copies; ExitCode = $null; Seconds = $null; CpuSeconds = $null
    }
}

function Wait-StageProcess {
    <#
    .SYNOPSIS
        Waits for the stages to end, in whatever order they do, or with -Until only for that one; sets each
        ended one's ExitCode, Seconds and (on Linux) CpuSeconds: the CPU its process tree used, counted as
        it ends.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] [object] $Stage, [object] $Until)
    begin { $all = [System.Collections.Generic.List[object]]::new() }
    process { $all.Add($Stage) }
    end {
        while ($true) {
            foreach ($ended in @($all | Where-Object { $null -eq $_.ExitCode -and $_.Process.HasExited })) { Complete-StageProcess $ended }
            $waitingFor = if ($Until) { @($Until) } else { $all }
            if (-not @($waitingFor | Where-Object { $null -eq $_.ExitCode })) { return }
            Start-Sleep -Milliseconds 200
        }
    }
}

function Stop-StageProcess {
    <# .SYNOPSIS Stops a stage that has not ended, with every process it started. #>
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] [object] $Stage)
    process {
        if ($null -eq $Stage.ExitCode -and -not $Stage.Process.HasExited) { $Stage.Process.Kill($true) }
    }
}

function Complete-StageProcess([object] $Stage) {
    # An exited child has been waited for, so its CPU (and its waited-for children's) is in ours now.
    $now = Get-CpuSeconds -Children
    if ($null -ne $now) { $Stage.CpuSeconds = $now - $script:ChildCpuMark; $script:ChildCpuMark = $now }
    $Stage.Process.WaitForExit()
    if ($Stage.Copies) { [void] [System.Threading.Tasks.Task]::WaitAll([System.Threading.Tasks.Task[]] $Stage.Copies, 10000) }
    foreach ($log in $Stage.Logs) { $log.Dispose() }
    $Stage.ExitCode = $Stage.Process.ExitCode
    # From start to exit, not to this wait.
    $Stage.Seconds = ($Stage.Process.ExitTime - $Stage.StartedAt).TotalSeconds
    $Stage.Process.Dispose()
}

Export-ModuleMember -Function Start-StageProcess, Wait-StageProcess, Stop-StageProcess
