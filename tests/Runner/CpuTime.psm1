<#
.SYNOPSIS
    CPU seconds (user + system) of this process and of the child processes it has waited for, from
    /proc/self/stat: what the test command prints beside each stage's and each slow Pester file's
    seconds, so that work which does not wait (builds, process start-ups) is seen apart from waiting.
    Linux only; elsewhere $null, and nothing is printed.
#>
Set-StrictMode -Version 3.0

$script:TicksPerSecond = $null

function Get-CpuSeconds {
    <#
    .SYNOPSIS
        This process's CPU seconds so far, with (-Children) those of the children it has waited for,
        which include their own waited-for children. Processes nobody waits for (a build server left
        running) are counted nowhere.
    #>
    [CmdletBinding()]
    [OutputType([double])]
    param([switch] $Children)
    if (-not $IsLinux) { return $null }
    if (-not $script:TicksPerSecond) {
        $script:TicksPerSecond = 100
        $answer = & getconf CLK_TCK 2>$null
        if ($LASTEXITCODE -eq 0 -and "$answer" -match '^\d+$') { $script:TicksPerSecond = [int] "$answer" }
    }
    $stat = [System.IO.File]::ReadAllText('/proc/self/stat')
    # The fields after the command name, which ends at the last ')': utime, stime, cutime, cstime are the 14th to 17th.
    $fields = $stat.Substring($stat.LastIndexOf(')') + 2).Split(' ')
    $ticks = [long] $fields[11] + [long] $fields[12]
    if ($Children) { $ticks += [long] $fields[13] + [long] $fields[14] }
    $ticks / $script:TicksPerSecond
}

Export-ModuleMember -Function Get-CpuSeconds
