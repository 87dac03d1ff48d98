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
        With -LogPath its output goes to that file and its error output to the same path + '.err';
        without, both go to this console as they come. -Environment sets variables for the stage only.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [string] $FilePath,
        [Parameter(Mandatory)] [string[]] $ArgumentList,
        [string] $LogPath,
        [hashtable] $Environment = @{}
    )
    $info = [System.Diagnostics.ProcessStartInfo]::new($FilePath)
    foreach ($argument in $ArgumentList) { $info.ArgumentList.Add($argument) }
    foreach ($variable in $Environment.Keys) { $info.Environment[$variable] = $Environment[$variable] }
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = [bool] $LogPath
    $info.RedirectStandardError = [bool] $LogPath
    $process = [System.Diagnostics.Process]::new()
    $process.StartInfo = $info
    if ($null -eq $script:ChildCpuMark) { $script:ChildCpuMark = Get-CpuSeconds -Children }
    $logs = @()
    $copies = @()
    [void] $process.Start()
    $startedAt = [DateTime]::Now   # the process's own StartTime cannot be read once it has exited
    if ($LogPath) {
        # Each pipe into its file from a .NET thread, so the child never blocks on a full pipe.
        $logs = @([System.IO.File]::Create($LogPath), [System.IO.File]::Create("$LogPath.err"))
        $copies = @($process.StandardOutput.BaseStream.CopyToAsync($logs[0]), $process.StandardError.BaseStream.CopyToAsync($logs[1]))
    }
    [pscustomobject]@{
        Name = $Name; Process = $process; StartedAt = $startedAt; LogPath = $LogPath
        Logs = $logs; Copies = $copies; ExitCode = $null; Seconds = $null; CpuSeconds = $null
    }
}

function Wait-StageProcess {
    <#
    .SYNOPSIS
        Waits for the stages to end, in whatever order they do; sets each one's ExitCode, Seconds and (on
        Linux) CpuSeconds: the CPU its process tree used, counted as it ends, and returns them.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] [object] $Stage)
    begin { $running = [System.Collections.Generic.List[object]]::new() }
    process { $running.Add($Stage) }
    end {
        $all = @($running)
        while ($running.Count -gt 0) {
            foreach ($ended in @($running | Where-Object { $_.Process.HasExited })) {
                # An exited child has been waited for, so its CPU (and its waited-for children's) is in ours now.
                $now = Get-CpuSeconds -Children
                if ($null -ne $now) { $ended.CpuSeconds = $now - $script:ChildCpuMark; $script:ChildCpuMark = $now }
                [void] $running.Remove($ended)
            }
            if ($running.Count -gt 0) { Start-Sleep -Milliseconds 200 }
        }
        foreach ($finished in $all) {
            $finished.Process.WaitForExit()
            if ($finished.Copies) { [void] [System.Threading.Tasks.Task]::WaitAll([System.Threading.Tasks.Task[]] $finished.Copies, 10000) }
            foreach ($log in $finished.Logs) { $log.Dispose() }
            $finished.ExitCode = $finished.Process.ExitCode
            # From start to exit, not to this wait.
            $finished.Seconds = ($finished.Process.ExitTime - $finished.StartedAt).TotalSeconds
            $finished.Process.Dispose()
            $finished
        }
    }
}

Export-ModuleMember -Function Start-StageProcess, Wait-StageProcess
