<#
.SYNOPSIS
    Publishes the credential_process helper for each runtime in -Runtime into <Destination>/<rid>/:
    self-contained, so it runs where PowerShell brought its own .NET; trimmed + ReadyToRun + single file,
    or NativeAOT for the runtimes in -NativeAotRuntimes.
.PARAMETER StandIns
    runtime -> runtime whose helper serves it when the registry has no runtime pack for it: its folder
    is left out (the package maps win-arm64 to win-x64, which Windows 11 on Arm runs under x64
    emulation; Register-CasAwsProfile picks bin/win-x64 there).
.PARAMETER ArtifactsPath
    Compile into this folder instead of the projects' own bin/ and obj/ (dotnet publish --artifacts-path),
    so that these builds can run while the solution is being built (tests/Invoke-AllTests.ps1).
#>
param(
    [Parameter(Mandatory)] [string] $Root,
    [Parameter(Mandatory)] [string] $Configuration,
    [Parameter(Mandatory)] [string] $Destination,
    [Parameter(Mandatory)] [AllowEmptyCollection()] [string[]] $Runtime,
    [string[]] $NativeAotRuntimes = @(),
    [hashtable] $StandIns = @{},
    [string] $ArtifactsPath
)
$ErrorActionPreference = 'Stop'

$helperProject = Join-Path $Root 'src/CasAws.CredentialProcess/CasAws.CredentialProcess.csproj'
$isolated = if ($ArtifactsPath) { @('--artifacts-path', $ArtifactsPath) } else { @() }
foreach ($rid in $Runtime) {
    $helperOut = Join-Path $Destination $rid
    # NativeAOT needs a native toolchain (clang), which a machine with only the .NET SDK lacks: only where asked.
    $kind = if ($rid -in $NativeAotRuntimes) { @('-p:PublishAot=true', '-p:PublishReadyToRun=false', '-p:PublishSingleFile=false') } else { @() }
    $output = & dotnet publish $helperProject -c $Configuration -r $rid --self-contained -o $helperOut -nologo -v quiet -clp:ErrorsOnly @isolated @kind 2>&1
    if ($LASTEXITCODE -eq 0) {
        Get-ChildItem $helperOut -File -Filter '*.dbg' | Remove-Item
        continue
    }
    $standIn = $StandIns[$rid]
    if ($standIn -and ($output -match 'NU1101')) {
        Write-Warning "No .NET runtime pack for $rid can be restored here: bin/$rid is left out, and CasAws runs the $standIn helper there (under emulation)."
        if (Test-Path $helperOut) { Remove-Item $helperOut -Recurse -Force }
        continue
    }
    $output | Write-Host
    throw "Publishing the credential_process helper for $rid failed."
}
