<#
.SYNOPSIS
    Lays out the importable module at artifacts/CasAws from module/ and the compiled assemblies.
.DESCRIPTION
    artifacts/CasAws/
      CasAws.psd1, CasAws.psm1, format and help files   (from module/; ReleaseNotes from CHANGELOG.md)
      core/      CasAws.Cmdlets.dll for PowerShell 7.4+ (net8.0)
      desktop/   CasAws.Cmdlets.dll for Windows PowerShell 5.1 (netstandard2.0)
      core/sts/, desktop/sts/   CasAws.Sts.dll and the AWS SDK (net8.0 / net472), loaded only when an
                 STS feature is used; on PowerShell 7 into a private AssemblyLoadContext
      bin/RID/   the credential_process helper for each runtime in -HelperRuntimes (default: this
                 machine's), as tools/Publish-Helper.ps1 makes it
.PARAMETER PublishedHelpers
    A folder of helpers already published by tools/Publish-Helper.ps1 (one folder per runtime), copied
    as bin/ instead of publishing -HelperRuntimes here.
.PARAMETER NoSymbols
    Leave out the .pdb files (the package does).
#>
param(
    [Parameter(Mandatory)] [string] $Root,
    [Parameter(Mandatory)] [string] $Configuration,
    [Parameter(Mandatory)] [string] $Destination,
    [string[]] $HelperRuntimes = @(& (Join-Path $PSScriptRoot 'Get-RuntimeIdentifier.ps1')),
    [string[]] $NativeAotRuntimes = @(),
    [string] $PublishedHelpers,
    [switch] $NoSymbols
)
$ErrorActionPreference = 'Stop'

if (Test-Path $Destination) { Remove-Item $Destination -Recurse -Force }
New-Item -ItemType Directory -Path $Destination | Out-Null
Copy-Item -Path (Join-Path $Root 'module/*') -Destination $Destination -Recurse
& (Join-Path $PSScriptRoot 'Set-ReleaseNotes.ps1') -ManifestPath (Join-Path $Destination 'CasAws.psd1') -ChangelogPath (Join-Path $Root 'CHANGELOG.md')

$assemblyExtensions = if ($NoSymbols) { @('.dll') } else { @('.dll', '.pdb') }
$cmdletsBin = Join-Path $Root "src/CasAws.Cmdlets/bin/$Configuration"
foreach ($pair in @(@{ Framework = 'net8.0'; Folder = 'core' }, @{ Framework = 'netstandard2.0'; Folder = 'desktop' })) {
    $target = New-Item -ItemType Directory -Path (Join-Path $Destination $pair.Folder)
    Get-ChildItem (Join-Path $cmdletsBin $pair.Framework) -File |
        Where-Object { $_.Extension -in $assemblyExtensions -and $_.Name -notlike 'System.Management.Automation*' } |
        Copy-Item -Destination $target
}

# The AWS SDK and the code that uses it, in a folder of their own so that nothing loads them by accident.
$stsBin = Join-Path $Root "src/CasAws.Sts/bin/$Configuration"
foreach ($pair in @(@{ Framework = 'net8.0'; Folder = 'core' }, @{ Framework = 'net472'; Folder = 'desktop' })) {
    $target = New-Item -ItemType Directory -Path (Join-Path $Destination "$($pair.Folder)/sts")
    Get-ChildItem (Join-Path $stsBin $pair.Framework) -File |
        Where-Object { $_.Extension -in $assemblyExtensions -and $_.Name -notlike 'CasAws.Cmdlets.*' } |
        Copy-Item -Destination $target
}

if ($PublishedHelpers) {
    Copy-Item -Path $PublishedHelpers -Destination (Join-Path $Destination 'bin') -Recurse
} else {
    & (Join-Path $PSScriptRoot 'Publish-Helper.ps1') -Root $Root -Configuration $Configuration -Destination (Join-Path $Destination 'bin') `
        -Runtime $HelperRuntimes -NativeAotRuntimes $NativeAotRuntimes
}

# Help (MAML and about_ topics) from docs/help, in a separate pwsh because it imports the module.
$pwsh = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
$pwshArguments = @()
if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { $pwshArguments += (Join-Path $PSHOME 'pwsh.dll') }
& $pwsh @pwshArguments -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'Build-Help.ps1') -ModuleDirectory $Destination -SourceDirectory (Join-Path $Root 'docs/help')
if ($LASTEXITCODE -ne 0) { throw "Building the help failed (exit code $LASTEXITCODE)." }
