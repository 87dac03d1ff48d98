<#
.SYNOPSIS
    The README's demo: starts the emulator, runs a narrated CasAws session against it, stops it.
#>
param(
    [Parameter(Mandatory)] [string] $Root,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    [Parameter(Mandatory)] [string] $ModulePath
)
$ErrorActionPreference = 'Stop'
Write-Host 'The demo arrives with the emulator.'
