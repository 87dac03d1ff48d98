<#
.SYNOPSIS
    What compiling the credential_process helper with NativeAOT needs on this machine, per runtime:
    clang for this machine's own runtime, and on Linux also a cross linker and C library for the other
    Linux architecture (linux-x64 <-> linux-arm64), from Debian's packages. NativeAOT cannot target
    another OS (macOS and Windows need their own linkers and SDKs).
#>
Set-StrictMode -Version 3.0

$crossTargets = @{
    'linux-arm64' = @{ Triple = 'aarch64-linux-gnu'; LibcPackage = 'libc6-dev-arm64-cross' }
    'linux-x64'   = @{ Triple = 'x86_64-linux-gnu'; LibcPackage = 'libc6-dev-amd64-cross' }
}

function Get-NativeAotPackage {
    <# .SYNOPSIS The Debian packages NativeAOT needs here for -Runtime (none for a runtime it cannot target from here). #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)] [string] $Runtime, [Parameter(Mandatory)] [string] $ThisRuntime)
    if (-not $IsLinux -or $Runtime -notlike 'linux-*') { return }
    'clang', 'zlib1g-dev'
    if ($Runtime -ne $ThisRuntime) {
        $cross = $crossTargets[$Runtime]
        "gcc-$($cross.Triple)", "binutils-$($cross.Triple)", $cross.LibcPackage
    }
}

function Test-NativeAotToolchain {
    <# .SYNOPSIS Whether this machine can compile the helper for -Runtime with NativeAOT now. #>
    [CmdletBinding()]
    [OutputType([bool])]
    param([Parameter(Mandatory)] [string] $Runtime, [Parameter(Mandatory)] [string] $ThisRuntime)
    if ($IsWindows -or -not (Get-Command clang -CommandType Application -ErrorAction Ignore)) { return $false }
    if ($Runtime -eq $ThisRuntime) { return $true }
    if (-not $IsLinux -or -not $crossTargets.ContainsKey($Runtime)) { return $false }
    $triple = $crossTargets[$Runtime].Triple
    [bool] (Get-Command "$triple-ld.bfd" -CommandType Application -ErrorAction Ignore) -and (Test-Path "/usr/$triple/lib/crti.o")
}

function Install-NativeAotToolchain {
    <#
    .SYNOPSIS
        Installs what Test-NativeAotToolchain misses for each of -Runtime, with apt-get as root (its own
        lock keeps it apart from any other apt-get); returns the runtimes NativeAOT can compile now.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)] [string[]] $Runtime, [Parameter(Mandatory)] [string] $ThisRuntime)
    $missing = @($Runtime | Where-Object { -not (Test-NativeAotToolchain $_ $ThisRuntime) })
    $packages = @($missing | ForEach-Object { Get-NativeAotPackage $_ $ThisRuntime } | Select-Object -Unique)
    $canApt = $IsLinux -and (Get-Command apt-get -CommandType Application -ErrorAction Ignore) -and ((& id -u) -eq '0')
    if ($packages -and $canApt) {
        Write-Host "Installing $($packages -join ' ') (apt-get) to compile the helper with NativeAOT for $($missing -join ', ')..."
        $env:DEBIAN_FRONTEND = 'noninteractive'
        $lock = @('-o', 'DPkg::Lock::Timeout=600')
        $install = @('install', '-y', '-qq', '--no-install-recommends') + $lock + $packages
        & apt-get @install | Out-Null
        if ($LASTEXITCODE -ne 0) {
            & apt-get update -qq @lock | Out-Null   # a fresh machine may have no package lists yet
            & apt-get @install | Out-Null
        }
    }
    $Runtime | Where-Object { Test-NativeAotToolchain $_ $ThisRuntime }
}

Export-ModuleMember -Function Get-NativeAotPackage, Test-NativeAotToolchain, Install-NativeAotToolchain
