<#
.SYNOPSIS
    Waits for a tool tests/Install-TestPrerequisites.ps1 installs in the background (awscli, nativeaot,
    chromium) before a test looks for it. Outside the test command (no CASAWS_PREREQUISITES_DIR) there
    is nothing to wait for.
#>
Set-StrictMode -Version 3.0

function Wait-TestPrerequisite {
    <#
    .SYNOPSIS
        Returns once the background installer has finished with -Name (installed or not), or has ended.
        Its status ('installed', or why not) is returned; $null when no installer was started.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)] [ValidateSet('awscli', 'nativeaot', 'chromium', 'qemu')] [string] $Name, [int] $TimeoutSeconds = 1200)
    $directory = $env:CASAWS_PREREQUISITES_DIR
    if (-not $directory) { return $null }
    $status = Join-Path $directory "$Name.status"
    $pidFile = Join-Path $directory 'installer.pid'
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    $announced = $false
    while (-not (Test-Path -LiteralPath $status)) {
        $installer = if (Test-Path -LiteralPath $pidFile) { Get-Process -Id ([int] (Get-Content -LiteralPath $pidFile)) -ErrorAction Ignore }
        if (-not $installer -or [DateTime]::UtcNow -gt $deadline) { return "the background installer ended without installing it; see $directory" }
        if (-not $announced) { Write-Host "Waiting for the background install of $Name..."; $announced = $true }
        Start-Sleep -Milliseconds 500
    }
    (Get-Content -LiteralPath $status -Raw).Trim()
}

Export-ModuleMember -Function Wait-TestPrerequisite
