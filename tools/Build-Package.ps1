<#
.SYNOPSIS
    Makes artifacts/package/CasAws.<version>.nupkg from the compiled tree: the module for PowerShell 7
    and Windows PowerShell 5.1, help, format data, and the credential_process helper for every
    runtime in $HelperRuntimes under bin/<rid>/, executable where the OS needs it. Beside it,
    artifacts/package/dotnet-tool/CasAws.Emulator.<version>.nupkg: the emulator as a .NET tool.
.DESCRIPTION
    The package installs with Install-PSResource, Save-PSResource and Install-Module from a folder
    repository or a NuGet feed, and Publish-PSResource -NupkgPath pushes it as it is.
    Helper builds (README, "How the credential_process helper is built"):
      - NativeAOT where this machine can compile it (tools/NativeAotToolchain.psm1; on Debian/Ubuntu as
        root its packages are installed from apt): its own runtime, and on Linux the other Linux
        architecture through a cross linker; NativeAOT cannot target another OS;
      - self-contained, trimmed, ReadyToRun, single file for every other runtime;
      - win-arm64: its own build when the registry has its runtime pack; else none, and CasAws runs
        the win-x64 build there, which Windows 11 on Arm runs under x64 emulation.
    NuGet's packer stores every entry as rw-r--r-- (NuGet/Home#13121), so the Unix helpers' entries
    get mode 0755 afterwards; Install-PSResource and Install-Module restore it on Linux and macOS.
    One build at a time per -Destination (a lock file there): a second one waits for the first.
.PARAMETER IfChanged
    Keep the package in -Destination when it was made from the same inputs (the sources, the build
    scripts, the .NET SDK and whether clang is here), as the hash written beside it says.
.PARAMETER AfterBuild
    A file that appears once the solution build has ended: the helpers are compiled first, in a folder
    of their own, so the package can start beside that build (tests/Invoke-AllTests.ps1 does), and the
    module is laid out from the build's assemblies once the file is there. Its text is 'ok', or why the
    build did not end well (then no package is made).
#>
param(
    [Parameter(Mandatory)] [string] $Root,
    [Parameter(Mandatory)] [string] $Configuration,
    [Parameter(Mandatory)] [string] $Destination,
    [switch] $IfChanged,
    [string] $AfterBuild
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'NativeAotToolchain.psm1') -Force

$HelperRuntimes = 'linux-x64', 'linux-arm64', 'osx-x64', 'osx-arm64', 'win-x64', 'win-arm64'
$ExecutableMode = 0x81ED   # S_IFREG | rwxr-xr-x

function Get-InputHash {
    # Every file the package is made from, by path and content, and what else decides its bytes.
    param([string[]] $NativeAotRuntimes)
    $folders = 'src', 'module', 'docs/help', 'tools/CasAws.Emulator' | ForEach-Object { Join-Path $Root $_ }
    $files = @(Get-ChildItem $folders -Recurse -File | Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' }) +
        @(Get-Item (Join-Path $PSScriptRoot 'Build-*.ps1'), (Join-Path $PSScriptRoot 'Set-ReleaseNotes.ps1'), (Join-Path $PSScriptRoot 'Publish-Helper.ps1'), (Join-Path $PSScriptRoot 'Get-RuntimeIdentifier.ps1'), (Join-Path $PSScriptRoot 'NativeAotToolchain.psm1'),
            (Join-Path $Root 'Directory.Build.props'), (Join-Path $Root 'Directory.Packages.props'), (Join-Path $Root 'CHANGELOG.md'))
    $lines = foreach ($file in $files) {
        "$([System.IO.Path]::GetRelativePath($Root, $file.FullName) -replace '\\', '/') $((Get-FileHash -LiteralPath $file.FullName -Algorithm SHA256).Hash)"
    }
    $lines = @($lines | Sort-Object -CaseSensitive) + @("sdk $(& dotnet --version)", "configuration $Configuration", "nativeaot $($NativeAotRuntimes -join ',')")
    $bytes = [System.Text.Encoding]::UTF8.GetBytes($lines -join "`n")
    [System.Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData($bytes))
}

function Lock-Destination {
    # An exclusive open (flock on Unix) held until the returned stream is disposed.
    $path = Join-Path $Destination '.build.lock'
    $announced = $false
    while ($true) {
        try { return [System.IO.File]::Open($path, 'OpenOrCreate', 'ReadWrite', 'None') }
        catch [System.IO.IOException] {
            if (-not $announced) { Write-Host 'Another build of the package is under way: waiting for it...'; $announced = $true }
            Start-Sleep -Milliseconds 500
        }
    }
}

function Wait-SolutionBuild {
    # The file the test command writes when its build has ended; also ends when that command is gone.
    $parent = (Get-Process -Id $PID).Parent
    while (-not (Test-Path -LiteralPath $AfterBuild)) {
        if ($parent -and $parent.HasExited) { throw 'The command that started this package build has ended before its build did.' }
        Start-Sleep -Milliseconds 250
    }
    $outcome = (Get-Content -LiteralPath $AfterBuild -Raw).Trim()
    if ($outcome -ne 'ok') { throw "No package: the solution build did not end well ($outcome)." }
}

function Set-HelperEntryMode {
    # The helpers for Linux and macOS (no .exe) are the package's only executables.
    param([string] $PackagePath)
    Add-Type -AssemblyName System.IO.Compression
    $archive = [System.IO.Compression.ZipFile]::Open($PackagePath, [System.IO.Compression.ZipArchiveMode]::Update)
    try {
        foreach ($entry in $archive.Entries) {
            if ($entry.FullName -match '^bin/[^/]+/CasAws\.CredentialProcess$') { $entry.ExternalAttributes = $ExecutableMode -shl 16 }
        }
    } finally {
        $archive.Dispose()
    }
}

function New-EmulatorToolPackage {
    # The CAS + Duo + STS emulator as a .NET tool package, for package users to try CasAws without a CAS
    # server: dotnet tool install --global CasAws.Emulator --add-source <folder>, then casaws-emulator.
    # In a folder of its own, so that the module's folder repository lists CasAws alone.
    param([string] $Folder)
    $project = Join-Path $Root 'tools/CasAws.Emulator/CasAws.Emulator.csproj'
    if (Test-Path $Folder) { Get-ChildItem $Folder -Filter 'CasAws.Emulator.*.nupkg' | Remove-Item }
    # --no-build: the emulator is compiled with the rest of the tree (build.ps1 build); a build here only checked that again (about 9 CPU s).
    $output = & dotnet pack $project -c $Configuration --no-build -o $Folder -nologo -v quiet -clp:ErrorsOnly 2>&1
    if ($LASTEXITCODE -ne 0) { $output | Write-Host; throw 'Packing the emulator as a .NET tool failed.' }
    $toolPackage = Get-ChildItem $Folder -Filter 'CasAws.Emulator.*.nupkg'
    Write-Host ("emulator tool package: {0} ({1:N1} MB)" -f $toolPackage.FullName, ($toolPackage.Length / 1MB))
}

$thisRuntime = & (Join-Path $PSScriptRoot 'Get-RuntimeIdentifier.ps1')
if (-not (Test-Path $Destination)) { New-Item -ItemType Directory -Path $Destination | Out-Null }
$lock = Lock-Destination
try {
    $nativeAotCandidates = @($HelperRuntimes | Where-Object { Get-NativeAotPackage $_ $thisRuntime })
    $nativeAot = @(if ($nativeAotCandidates) { Install-NativeAotToolchain -Runtime $nativeAotCandidates -ThisRuntime $thisRuntime })
    foreach ($runtime in $nativeAotCandidates | Where-Object { $_ -notin $nativeAot }) {
        Write-Warning "No NativeAOT toolchain for $runtime here: its helper is built as a single file instead (larger)."
    }

    $hashPath = Join-Path $Destination 'inputs.sha256'
    $inputHash = Get-InputHash -NativeAotRuntimes $nativeAot
    $existing = Get-ChildItem $Destination -Filter 'CasAws.*.nupkg' | Select-Object -First 1
    if ($IfChanged -and $existing -and (Test-Path $hashPath) -and (Get-Content -LiteralPath $hashPath -Raw).Trim() -eq "$inputHash $($existing.Name)") {
        Write-Host ("package: {0} ({1:N1} MB), made from the same inputs before" -f $existing.FullName, ($existing.Length / 1MB))
        return
    }

    $work = Join-Path $Root 'artifacts/obj/package'
    $helpers = Join-Path $work 'helpers'
    if (Test-Path $helpers) { Remove-Item $helpers -Recurse -Force }
    & (Join-Path $PSScriptRoot 'Publish-Helper.ps1') -Root $Root -Configuration $Configuration -Destination $helpers -Runtime $HelperRuntimes `
        -NativeAotRuntimes $nativeAot -StandIns @{ 'win-arm64' = 'win-x64' } -ArtifactsPath (Join-Path $work 'helper-build')
    if ($AfterBuild) { Wait-SolutionBuild }
    $staging = Join-Path $work 'CasAws'
    & (Join-Path $PSScriptRoot 'Build-ModuleLayout.ps1') -Root $Root -Configuration $Configuration -Destination $staging `
        -HelperRuntimes @() -PublishedHelpers $helpers -NoSymbols

    Get-ChildItem $Destination -Filter 'CasAws.*.nupkg' | Remove-Item
    Remove-Item -LiteralPath $hashPath -ErrorAction Ignore
    $package = Compress-PSResource -Path $staging -DestinationPath $Destination -PassThru
    $packagePath = if ($package -is [System.IO.FileInfo]) { $package.FullName } else { (Get-ChildItem $Destination -Filter 'CasAws.*.nupkg').FullName }
    Set-HelperEntryMode $packagePath
    Write-Host ("package: {0} ({1:N1} MB; NativeAOT: {2})" -f $packagePath, ((Get-Item $packagePath).Length / 1MB), ($(if ($nativeAot) { $nativeAot -join ', ' } else { 'none' })))

    New-EmulatorToolPackage -Folder (Join-Path $Destination 'dotnet-tool')
    Set-Content -LiteralPath $hashPath -Value "$inputHash $([System.IO.Path]::GetFileName($packagePath))"
} finally {
    $lock.Dispose()
}
