# The package as users get it: its entries, then installed from a folder repository into temporary
# homes with Install-PSResource, Save-PSResource and Install-Module, imported by name in fresh
# PowerShell processes, logging in to the emulator, and the real AWS CLI running the installed
# helper, also after an update to a newer version and the removal of the old one.
BeforeDiscovery {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1') -Force
    $script:NoCli = -not (Get-TestAwsCliPath)
    $script:Unix = -not $IsWindows
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/Emulator.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/Package.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/Prerequisites.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/CapturedProcess.psm1') -Force
    $script:Package = Get-FreshCasAwsPackage
    $script:Manifest = Import-PowerShellDataFile (Join-Path $env:CASAWS_REPO_ROOT 'module/CasAws.psd1')
    $script:Version = $script:Manifest.ModuleVersion
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) ('casaws-package-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
    $script:Repository = New-Item -ItemType Directory -Path (Join-Path $script:Work 'repository')
    Copy-Item -LiteralPath $script:Package.Path -Destination $script:Repository
    $script:Runtime = & (Join-Path $env:CASAWS_REPO_ROOT 'tools/Get-RuntimeIdentifier.ps1')
    $script:HelperName = if ($IsWindows) { 'CasAws.CredentialProcess.exe' } else { 'CasAws.CredentialProcess' }
    $script:Developer = 'arn:aws:iam::123456789012:role/CasDeveloper'
    $script:TestSeconds = [System.Diagnostics.Stopwatch]::StartNew()

    function script:New-Home([string] $Name) { (New-Item -ItemType Directory -Path (Join-Path $script:Work $Name)).FullName }

    # The AWS CLI as the user of -HomePath runs it: ~/.aws/config there, the cache under ~/.cache there.
    function script:Invoke-HomeCli([string] $HomePath, [string] $ProfileName) {
        Invoke-TestAwsCli -Arguments @('sts', 'get-caller-identity', '--profile', $ProfileName, '--endpoint-url', $script:Emu.StsUrlHttp, '--output', 'json') -Environment @{
            HOME = $HomePath; AWS_CONFIG_FILE = (Join-Path $HomePath '.aws/config'); AWS_SHARED_CREDENTIALS_FILE = (Join-Path $HomePath '.aws/credentials')
            XDG_CACHE_HOME = ''; XDG_DATA_HOME = ''; CASAWS_CACHE_DIR = ''; CASAWS_DATA_DIR = ''
        }
    }

    # Imports CasAws by name, logs in as bob and reports what a test checks; -Register also registers the profile.
    $script:UseModule = @'
$ErrorActionPreference = 'Stop'
Import-Module CasAws
$module = Get-Module CasAws
$bob = [pscredential]::new('bob', (ConvertTo-SecureString 'bob-pw' -AsPlainText -Force))
$credential = Get-CasAwsCredential -Server $env:TEST_CAS -Credential $bob -CaBundlePath $env:TEST_CA -RoleArn $env:TEST_ROLE
if ($env:TEST_REGISTER) { $credential | Register-CasAwsProfile casaws-pkg | Out-Null }
$casProfile = Get-CasAwsProfile casaws-pkg
$helper = Join-Path $module.ModuleBase "bin/$env:TEST_RUNTIME/$env:TEST_HELPER"
[ordered]@{
    Version = "$($module.Version)"; ModuleBase = $module.ModuleBase; Commands = @(Get-Command -Module CasAws).Count
    ManifestValid = [bool] (Test-ModuleManifest (Join-Path $module.ModuleBase 'CasAws.psd1'))
    HelperPath = $casProfile.HelperPath; HelperState = "$($casProfile.HelperState)"
    HelperStamp = (Get-Content -LiteralPath "$($casProfile.HelperPath).source" -Raw).Trim()
    BundledMode = if ($IsWindows) { $null } else { [int] [IO.File]::GetUnixFileMode($helper) }
} | ConvertTo-Json -Compress
'@
    $script:Login = @{ TEST_CAS = $null; TEST_CA = $null; TEST_ROLE = $script:Developer; TEST_RUNTIME = $script:Runtime; TEST_HELPER = $script:HelperName }

    # Imports by name and runs the module's own helper for this machine (exit 2: usage), proving it executes.
    $script:ImportOnly = @'
$ErrorActionPreference = 'Stop'
Import-Module CasAws
$module = Get-Module CasAws
$helper = Join-Path $module.ModuleBase "bin/$env:TEST_RUNTIME/$env:TEST_HELPER"
& $helper --bogus 2>$null
[ordered]@{
    Version = "$($module.Version)"; ModuleBase = $module.ModuleBase; Commands = @(Get-Command -Module CasAws).Count
    HelperExit = $LASTEXITCODE; BundledMode = if ($IsWindows) { $null } else { [int] [IO.File]::GetUnixFileMode($helper) }
    Files = @(Get-ChildItem $module.ModuleBase -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($module.ModuleBase, $_.FullName) -replace '\\', '/' })
} | ConvertTo-Json -Compress
'@
    $script:Executable = [int] [IO.UnixFileMode] 'UserRead, UserWrite, UserExecute, GroupRead, GroupExecute, OtherRead, OtherExecute'
}

AfterAll {
    Write-Host ("Package tests: {0:N0} s, of which getting the package {1:N0} s (building it, or waiting for the build beside the xunit stage)" -f $script:TestSeconds.Elapsed.TotalSeconds, $script:Package.BuildSeconds)
    Remove-Item -LiteralPath $script:Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Package: the nupkg' {
    BeforeAll {
        $script:Entries = @(Get-PackageEntry $script:Package.Path)
        $script:Helpers = @{}
        foreach ($entry in $script:Entries) { if ($entry.FullName -match '^bin/([^/]+)/CasAws\.CredentialProcess(\.exe)?$') { $script:Helpers[$Matches[1]] = $entry } }
    }

    It 'is named after the manifest''s version and weighs at most 45 MB' {
        Split-Path $script:Package.Path -Leaf | Should -Be "CasAws.$script:Version.nupkg"
        $size = (Get-Item $script:Package.Path).Length
        $parts = $script:Entries | Group-Object { if ($_.FullName -match '^(bin/[^/]+|core/sts|desktop/sts|core|desktop)/') { $Matches[1] } else { '(root, help, metadata)' } } |
            ForEach-Object { '{0} {1:N1} MB' -f $_.Name, (($_.Group | Measure-Object CompressedLength -Sum).Sum / 1MB) }
        Write-Host ("package {0:N1} MB: {1}" -f ($size / 1MB), ($parts -join '; '))
        $size | Should -BeLessOrEqual 45MB
    }

    It 'holds the module, help, format data and nothing else: no symbols, tests or build leftovers' {
        $allowed = '^CasAws\.(psd1|psm1|Format\.ps1xml|Types\.ps1xml|nuspec)$', '^((core|desktop)/)?en-US/(CasAws\.Cmdlets\.dll-Help\.xml|about_[A-Za-z_]+\.help\.txt)$',
            '^(core|desktop)/(sts/)?[A-Za-z0-9.]+\.dll$', '^bin/(linux|osx)-(x64|arm64)/CasAws\.CredentialProcess$', '^bin/win-(x64|arm64)/CasAws\.CredentialProcess\.exe$',
            '^\[Content_Types\]\.xml$', '^_rels/\.rels$', '^package/services/metadata/core-properties/[0-9a-f]+\.psmdcp$'
        $stray = @($script:Entries.FullName | Where-Object { $name = $_; -not ($allowed | Where-Object { $name -match $_ }) })
        $stray | Should -BeNullOrEmpty
        $script:Entries.FullName | Should -Contain 'core/CasAws.Cmdlets.dll'
        $script:Entries.FullName | Should -Contain 'desktop/CasAws.Cmdlets.dll'
        $script:Entries.FullName | Should -Contain 'core/sts/CasAws.Sts.dll'
        $script:Entries.FullName | Should -Contain 'desktop/sts/CasAws.Sts.dll'
        $script:Entries.FullName | Should -Contain 'core/en-US/CasAws.Cmdlets.dll-Help.xml'
        $script:Entries.FullName | Should -Contain 'desktop/en-US/CasAws.Cmdlets.dll-Help.xml'
        $script:Entries.FullName | Should -Contain 'en-US/about_CasAws.help.txt'
    }

    It 'has the helper for every runtime, built for it, executable on Linux and macOS' {
        # win-arm64 is left out when its runtime pack cannot be restored: CasAws then runs the win-x64 build there (x64 emulation).
        @($script:Helpers.Keys | Where-Object { $_ -ne 'win-arm64' } | Sort-Object) | Should -Be @('linux-arm64', 'linux-x64', 'osx-arm64', 'osx-x64', 'win-x64')
        foreach ($runtime in $script:Helpers.Keys | Sort-Object) {
            $entry = $script:Helpers[$runtime]
            $format = Get-ExecutableFormat $entry.Head
            $os, $architecture = $runtime -split '-'
            $format.Format | Should -Be @{ linux = 'ELF'; osx = 'Mach-O'; win = 'PE' }[$os] -Because $runtime
            $format.Architecture | Should -Be $architecture -Because $runtime
            if ($os -ne 'win') { $entry.Mode | Should -Be 0x81ED -Because "$runtime needs rwxr-xr-x in the zip entry (NuGet's packer drops it)" }
            if ($runtime -eq 'osx-arm64') { $format.Signed | Should -BeTrue -Because 'macOS on Apple silicon runs only signed code' }
            Write-Host ('{0}: {1} {2}, {3:N1} MB ({4:N1} MB packed)' -f $runtime, $format.Format, $format.Architecture, ($entry.Length / 1MB), ($entry.CompressedLength / 1MB))
        }
    }

    It 'has a linux-arm64 helper that runs (under qemu-user emulation): a cache hit is the credential_process JSON, a miss the one-line hint' -Skip:(-not $IsLinux) {
        $installed = Wait-TestPrerequisite qemu
        if (-not (Test-Path /usr/bin/qemu-aarch64-static) -or -not (Test-Path /usr/aarch64-linux-gnu/lib/libc.so.6)) {
            Set-ItResult -Skipped -Because "qemu-aarch64-static or the arm64 C library is not installed ($installed)"; return
        }
        $folder = New-Item -ItemType Directory -Path (Join-Path $script:Work 'arm64')
        $helper = Join-Path $folder 'CasAws.CredentialProcess'
        $archive = [System.IO.Compression.ZipFile]::OpenRead($script:Package.Path)
        try { [System.IO.Compression.ZipFileExtensions]::ExtractToFile($archive.GetEntry('bin/linux-arm64/CasAws.CredentialProcess'), $helper) } finally { $archive.Dispose() }
        [IO.File]::SetUnixFileMode($helper, [IO.UnixFileMode] 'UserRead, UserWrite, UserExecute')
        $cache = New-Item -ItemType Directory -Path (Join-Path $folder 'cache/credentials') -Force
        foreach ($private in (Split-Path $cache), $cache) { [IO.File]::SetUnixFileMode($private, [IO.UnixFileMode] 'UserRead, UserWrite, UserExecute') }
        $expiration = [DateTime]::UtcNow.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")
        $entry = Join-Path $cache 'arm.cache'
        [IO.File]::WriteAllText($entry, "CasAws credential cache 1`nprofile=arm`nserver=https://cas.example.org/cas`naccessKeyId=ASIAARM64HELPER00001`nsecretAccessKey=arm64/secret+key=`nsessionToken=arm64-session-token`nexpiration=$expiration`n")
        [IO.File]::SetUnixFileMode($entry, [IO.UnixFileMode] 'UserRead, UserWrite')
        function Invoke-Arm64Helper([string] $ProfileName) {
            $info = [System.Diagnostics.ProcessStartInfo]::new('/usr/bin/qemu-aarch64-static')
            foreach ($argument in '-L', '/usr/aarch64-linux-gnu', $helper, '--profile', $ProfileName) { $info.ArgumentList.Add($argument) }
            $info.Environment['CASAWS_CACHE_DIR'] = Split-Path $cache
            Invoke-CapturedProcess -StartInfo $info -TimeoutSeconds 120
        }

        $hit = Invoke-Arm64Helper arm
        $miss = Invoke-Arm64Helper other

        $hit.ExitCode | Should -Be 0 -Because $hit.StdErr
        $json = $hit.StdOut | ConvertFrom-Json
        $json.Version | Should -Be 1
        $json.AccessKeyId | Should -Be 'ASIAARM64HELPER00001'
        $json.SecretAccessKey | Should -Be 'arm64/secret+key='
        $hit.StdOut | Should -Match ('"Expiration"\s*:\s*"' + [regex]::Escape($expiration) + '"')
        $miss.ExitCode | Should -Be 1
        $miss.StdErr | Should -Match "^CasAws has no cached credentials for profile 'other'\. Log in again in PowerShell: "
    }

    It 'names no folder of the machine that built it: not the checkout, not the NuGet package folder' {
        $packages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim().TrimEnd('/', '\')
        $found = @(Find-PackageText -Path $script:Package.Path -Text $env:CASAWS_REPO_ROOT.TrimEnd('/', '\'), $packages)
        $found | ForEach-Object { "$($_.Entry): $($_.Text) ($($_.Encoding))" } | Should -BeNullOrEmpty
    }

    It 'has a NativeAOT helper for every runtime this machine can compile it for' {
        Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tools/NativeAotToolchain.psm1') -Force
        $compiled = @($script:Helpers.Keys | Where-Object { Test-NativeAotToolchain $_ $script:Runtime })
        if (-not $compiled) { Set-ItResult -Skipped -Because 'this machine has no NativeAOT toolchain (tools/NativeAotToolchain.psm1)'; return }
        foreach ($runtime in $compiled) {
            $script:Helpers[$runtime].Length | Should -BeLessThan 16MB -Because "a NativeAOT helper for $runtime is under 10 MB; a single-file one carries the runtime (over 20 MB)"
        }
    }

    It 'carries the manifest''s metadata: version, URIs, tags and this version''s release notes from CHANGELOG.md' {
        Add-Type -AssemblyName System.IO.Compression
        $archive = [IO.Compression.ZipFile]::OpenRead($script:Package.Path)
        try {
            $reader = [IO.StreamReader]::new($archive.GetEntry('CasAws.nuspec').Open())
            [xml] $nuspec = $reader.ReadToEnd()
            $reader.Dispose()
        } finally { $archive.Dispose() }
        $metadata = $nuspec.package.metadata
        $metadata.version | Should -Be $script:Version
        $metadata.projectUrl | Should -Be $script:Manifest.PrivateData.PSData.ProjectUri
        $metadata.licenseUrl | Should -Be $script:Manifest.PrivateData.PSData.LicenseUri
        $metadata.tags -split ' ' | Should -Contain 'PSModule'
        $metadata.tags -split ' ' | Should -Contain 'credential_process'
        $changelog = Get-Content (Join-Path $env:CASAWS_REPO_ROOT 'CHANGELOG.md') -Raw
        $firstNote = [regex]::Match($changelog, "(?m)^## \[$([regex]::Escape($script:Version))\][^\n]*\n+(.+)$").Groups[1].Value.Trim()
        $firstNote | Should -Not -BeNullOrEmpty
        $metadata.releaseNotes | Should -BeLike "$firstNote*"
    }
}

Describe 'Package: installed with Install-PSResource, then updated' -Skip:(-not $script:Unix) {
    BeforeAll {
        $script:Emu = Start-CasAwsEmulator
        $script:Login.TEST_CAS = $script:Emu.CasBaseHttps
        $script:Login.TEST_CA = $script:Emu.CertificatePath
        $script:Home1 = New-Home 'home-install'
        $script:SaveDirectory = Join-Path $script:Work 'saved'
        $script:Installed = Invoke-FreshPwsh -HomePath $script:Home1 -Environment @{ TEST_REPO = $script:Repository.FullName; TEST_SAVE = $script:SaveDirectory } -Script @'
$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name CasAwsTest -Uri $env:TEST_REPO -Trusted
Install-PSResource -Name CasAws -Repository CasAwsTest -Scope CurrentUser -TrustRepository -Quiet
New-Item -ItemType Directory -Path $env:TEST_SAVE | Out-Null
Save-PSResource -Name CasAws -Repository CasAwsTest -Path $env:TEST_SAVE -TrustRepository -Quiet
@{ Installed = @(Get-InstalledPSResource CasAws | ForEach-Object { "$($_.Version)" }) } | ConvertTo-Json -Compress
'@
        $script:Used = Invoke-FreshPwsh -HomePath $script:Home1 -Script $script:UseModule -Environment ($script:Login + @{ TEST_REGISTER = '1' })
    }
    AfterAll { Stop-CasAwsEmulator $script:Emu }

    It 'installs from a folder repository into the user''s module folder' {
        $script:Installed.ExitCode | Should -Be 0 -Because $script:Installed.StdErr
        $script:Installed.Result.Installed | Should -Be @($script:Version)
        Test-Path (Join-Path $script:Home1 ".local/share/powershell/Modules/CasAws/$script:Version/CasAws.psd1") | Should -BeTrue
    }

    It 'imports by name in a fresh pwsh with every command, the helper executable, and logs in' {
        $script:Used.ExitCode | Should -Be 0 -Because $script:Used.StdErr
        $script:Used.Result.Version | Should -Be $script:Version
        $script:Used.Result.ModuleBase | Should -Be (Join-Path $script:Home1 ".local/share/powershell/Modules/CasAws/$script:Version")
        $script:Used.Result.Commands | Should -Be $script:Manifest.CmdletsToExport.Count
        $script:Used.Result.ManifestValid | Should -BeTrue
        $script:Used.Result.BundledMode | Should -Be $script:Executable
    }

    It 'registers a profile whose credential_process runs a copy outside the versioned module folder' {
        $copy = Join-Path $script:Home1 ".local/share/casaws/bin/$script:HelperName"
        $script:Used.Result.HelperPath | Should -Be $copy
        $script:Used.Result.HelperState | Should -Be 'Ready'
        $script:Used.Result.HelperStamp | Should -BeLike "*$($script:Used.Result.ModuleBase)*"
        Get-Content (Join-Path $script:Home1 '.aws/config') -Raw | Should -BeLike "*credential_process = `"$copy`" --profile `"casaws-pkg`"*"
        [IO.File]::GetUnixFileMode($copy) | Should -Be ([IO.UnixFileMode] 'UserRead, UserWrite, UserExecute')
    }

    It 'gives the real AWS CLI credentials through the installed helper' -Skip:$script:NoCli {
        $who = Invoke-HomeCli $script:Home1 'casaws-pkg'

        $who.ExitCode | Should -Be 0 -Because $who.StdErr
        $who.Json.Arn | Should -BeLike 'arn:aws:sts::123456789012:assumed-role/CasDeveloper/*'
    }

    It 'keeps the profile working after Update-PSResource to a newer version and uninstalling the old one' -Skip:$script:NoCli {
        $newer = ([version] $script:Version).Major, ([version] $script:Version).Minor, (([version] $script:Version).Build + 1) -join '.'
        New-CasAwsPackageVersion -Path $script:Package.Path -Version $newer -Destination $script:Repository | Out-Null

        $updated = Invoke-FreshPwsh -HomePath $script:Home1 -Environment @{ TEST_OLD = $script:Version } -Script @'
$ErrorActionPreference = 'Stop'
Update-PSResource -Name CasAws -Repository CasAwsTest -Scope CurrentUser -TrustRepository -Quiet
Uninstall-PSResource -Name CasAws -Version $env:TEST_OLD
@{ Installed = @(Get-InstalledPSResource CasAws | ForEach-Object { "$($_.Version)" }) } | ConvertTo-Json -Compress
'@
        $updated.ExitCode | Should -Be 0 -Because $updated.StdErr
        $updated.Result.Installed | Should -Be @($newer)
        Test-Path (Join-Path $script:Home1 ".local/share/powershell/Modules/CasAws/$script:Version") | Should -BeFalse

        $who = Invoke-HomeCli $script:Home1 'casaws-pkg'
        $who.ExitCode | Should -Be 0 -Because "the profile runs the user's copy, which the removal left alone: $($who.StdErr)"

        # The newer version's first login refreshes the copy, and the AWS CLI runs that one.
        $used = Invoke-FreshPwsh -HomePath $script:Home1 -Script $script:UseModule -Environment $script:Login
        $used.ExitCode | Should -Be 0 -Because $used.StdErr
        $used.Result.Version | Should -Be $newer
        $used.Result.HelperState | Should -Be 'Ready'
        $used.Result.HelperStamp | Should -BeLike "*$($used.Result.ModuleBase)*"
        $used.Result.BundledMode | Should -Be $script:Executable -Because 'an update restores the mode too'
        $who = Invoke-HomeCli $script:Home1 'casaws-pkg'
        $who.ExitCode | Should -Be 0 -Because $who.StdErr
    }

    It 'imports by name from a Save-PSResource folder on PSModulePath, helper executable' {
        $result = Invoke-FreshPwsh -HomePath (New-Home 'home-save') -Script $script:ImportOnly -Environment @{
            PSModulePath = $script:SaveDirectory; TEST_RUNTIME = $script:Runtime; TEST_HELPER = $script:HelperName
        }

        $result.ExitCode | Should -Be 0 -Because $result.StdErr
        $result.Result.ModuleBase | Should -Be (Join-Path $script:SaveDirectory "CasAws/$script:Version")
        $result.Result.Commands | Should -Be $script:Manifest.CmdletsToExport.Count
        $result.Result.BundledMode | Should -Be $script:Executable
        $result.Result.HelperExit | Should -Be 2 -Because 'the helper ran and answered the bogus argument with its usage'
        $result.Result.Files | Where-Object { $_ -match '\.(pdb|nuspec|nupkg|psmdcp|dbg)$|^_rels/|^\[Content_Types\]' } | Should -BeNullOrEmpty
    }
}

Describe 'Package: installed with Install-Module (PowerShellGet 2)' -Skip:(-not $script:Unix) {
    It 'installs from a folder repository, imports by name, helper executable' {
        $result = Invoke-FreshPwsh -HomePath (New-Home 'home-install-module') -Environment @{
            TEST_REPO = $script:Repository.FullName; TEST_RUNTIME = $script:Runtime; TEST_HELPER = $script:HelperName
        } -Script ("Register-PSRepository -Name CasAwsTest -SourceLocation `$env:TEST_REPO -InstallationPolicy Trusted -ErrorAction Stop`n" +
            "Install-Module CasAws -Repository CasAwsTest -RequiredVersion '$script:Version' -Scope CurrentUser -ErrorAction Stop`n" + $script:ImportOnly)

        $result.ExitCode | Should -Be 0 -Because $result.StdErr
        $result.Result.Version | Should -Be $script:Version
        $result.Result.ModuleBase | Should -BeLike '*/.local/share/powershell/Modules/CasAws/*'
        $result.Result.Commands | Should -Be $script:Manifest.CmdletsToExport.Count
        $result.Result.BundledMode | Should -Be $script:Executable
        $result.Result.HelperExit | Should -Be 2
    }
}
