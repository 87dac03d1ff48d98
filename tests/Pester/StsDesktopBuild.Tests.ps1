# The Windows PowerShell 5.1 build of the STS features cannot run here; what can be checked on Linux is that
# every assembly it references resolves there: to .NET Framework 4.7.2, to Windows PowerShell, to the
# module's own desktop/ or desktop/sts/ folder, or (for version mismatches no binding redirect covers) to
# the folder's file through DesktopStsResolver. tools/DesktopStsCheck/Test-DesktopSts.ps1 goes further on Mono.
BeforeAll {
    $script:Desktop = Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/desktop'
    $packages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    $framework = Join-Path $packages 'microsoft.netframework.referenceassemblies.net472/1.0.3/build/.NETFramework/v4.7.2'
    $script:FrameworkVersions = @{}
    foreach ($file in Get-ChildItem $framework -Recurse -Filter *.dll) {
        try {
            $name = [System.Reflection.AssemblyName]::GetAssemblyName($file.FullName)
            $script:FrameworkVersions[$name.Name] = $name.Version
        } catch [System.BadImageFormatException] {
            # native or metadata-less files in the pack
        }
    }

    function Get-AssemblyReference([string] $Path) {
        $stream = [System.IO.File]::OpenRead($Path)
        try {
            $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
            $metadata = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
            foreach ($handle in $metadata.AssemblyReferences) {
                $reference = $metadata.GetAssemblyReference($handle)
                [pscustomobject]@{ Name = $metadata.GetString($reference.Name); Version = $reference.Version }
            }
        } finally {
            $stream.Dispose()
        }
    }
}

Describe 'The desktop (Windows PowerShell 5.1) build' {
    It 'has CasAws.Sts for net472 with the AWS SDK in desktop/sts' {
        foreach ($file in 'CasAws.Sts.dll', 'AWSSDK.Core.dll', 'AWSSDK.SecurityToken.dll', 'System.Text.Json.dll') {
            Join-Path $script:Desktop "sts/$file" | Should -Exist
        }
        Join-Path $script:Desktop 'sts/CasAws.Cmdlets.dll' | Should -Not -Exist
        Join-Path $script:Desktop 'sts/CasAws.Core.dll' | Should -Not -Exist
        Join-Path $script:Desktop 'CasAws.Core.dll' | Should -Exist
        $target = [System.Reflection.Assembly]::LoadFile((Join-Path $script:Desktop 'sts/CasAws.Sts.dll')).GetCustomAttributes([System.Runtime.Versioning.TargetFrameworkAttribute], $false)
        $target.FrameworkName | Should -Be '.NETFramework,Version=v4.7.2'
    }

    It 'references only assemblies that resolve on .NET Framework 4.7.2' {
        $unresolved = foreach ($folder in $script:Desktop, (Join-Path $script:Desktop 'sts')) {
            $local = @{}
            foreach ($file in Get-ChildItem $folder -File -Filter *.dll) { $local[$file.BaseName] = $true }
            foreach ($file in Get-ChildItem $folder -File -Filter *.dll) {
                foreach ($reference in Get-AssemblyReference $file.FullName) {
                    $known = $local.ContainsKey($reference.Name) -or
                        $reference.Name -in 'CasAws.Cmdlets', 'CasAws.Core', 'System.Management.Automation' -or
                        ($script:FrameworkVersions.ContainsKey($reference.Name) -and $script:FrameworkVersions[$reference.Name] -ge $reference.Version)
                    if (-not $known) { "$($file.Name) -> $($reference.Name) $($reference.Version)" }
                }
            }
        }

        $unresolved | Should -BeNullOrEmpty
    }
}
