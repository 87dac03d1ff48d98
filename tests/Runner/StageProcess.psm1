<#
.SYNOPSIS
    The test command's stages as child processes that run side by side: each is started with its output
    in a log file (or on the console), timed, and waited for.
#>
Set-StrictMode -Version 3.0

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
        Logs = $logs; Copies = $copies; ExitCode = $null; Seconds = $null
    }
}

function Wait-StageProcess {
    <# .SYNOPSIS Waits for a stage to end; sets its ExitCode and Seconds and returns it. #>
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] [object] $Stage)
    process {
        $Stage.Process.WaitForExit()
        if ($Stage.Copies) { [void] [System.Threading.Tasks.Task]::WaitAll([System.Threading.Tasks.Task[]] $Stage.Copies, 10000) }
        foreach ($log in $Stage.Logs) { $log.Dispose() }
        $Stage.ExitCode = $Stage.Process.ExitCode
        # From start to exit, not to this wait: the stages are waited for one after another.
        $Stage.Seconds = ($Stage.Process.ExitTime - $Stage.StartedAt).TotalSeconds
        $Stage.Process.Dispose()
        $Stage
    }
}

Export-ModuleMember -Function Start-StageProcess, Wait-StageProcess
