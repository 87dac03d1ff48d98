<#
.SYNOPSIS
    Test helpers for the file and profile features: a private scratch area that CasAws and the AWS
    CLI use instead of ~/.aws and ~/.cache/casaws, and a way to run the credential_process helper.
#>
Import-Module (Join-Path $PSScriptRoot 'CapturedProcess.psm1')

function Enter-CasAwsScratch {
    <# .SYNOPSIS Points CASAWS_CACHE_DIR, CASAWS_DATA_DIR, AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE at a new temp folder; returns what to restore. #>
    [CmdletBinding()]
    param()
    $root = Join-Path ([IO.Path]::GetTempPath()) ('casaws-scratch-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
    New-Item -ItemType Directory -Path $root | Out-Null
    $saved = @{}
    foreach ($name in 'CASAWS_CACHE_DIR', 'CASAWS_DATA_DIR', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE') {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
    }
    $env:CASAWS_CACHE_DIR = Join-Path $root 'cache'
    $env:CASAWS_DATA_DIR = Join-Path $root 'data'
    $env:AWS_CONFIG_FILE = Join-Path $root 'config'
    $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $root 'credentials'
    [pscustomobject]@{ Root = $root; Saved = $saved; Config = $env:AWS_CONFIG_FILE; Credentials = $env:AWS_SHARED_CREDENTIALS_FILE; Cache = $env:CASAWS_CACHE_DIR; Data = $env:CASAWS_DATA_DIR }
}

function Remove-TestDirectory {
    <# .SYNOPSIS Removes a test's temporary directory, retrying while a process that just ended still lets go of it. #>
    param([Parameter(Mandatory)] [string] $Path)
    for ($attempt = 1; $attempt -le 10 -and (Test-Path -LiteralPath $Path); $attempt++) {
        Remove-Item -LiteralPath $Path -Recurse -Force -ErrorAction SilentlyContinue
        if (Test-Path -LiteralPath $Path) { Start-Sleep -Milliseconds 200 }
    }
}

function Exit-CasAwsScratch {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [object] $Scratch)
    foreach ($name in $Scratch.Saved.Keys) { [Environment]::SetEnvironmentVariable($name, $Scratch.Saved[$name]) }
    Remove-TestDirectory $Scratch.Root
}

function Get-CasAwsHelperPath {
    <# .SYNOPSIS The credential_process helper the built module ships for this machine. #>
    $os = if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
    $arch = [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString().ToLowerInvariant()
    $name = if ($IsWindows) { 'CasAws.CredentialProcess.exe' } else { 'CasAws.CredentialProcess' }
    Join-Path $env:CASAWS_REPO_ROOT "artifacts/CasAws/bin/$os-$arch/$name"
}

function Get-CasAwsHelperCopyPath {
    <# .SYNOPSIS The user's copy of the helper that registered profiles run (under CASAWS_DATA_DIR in a scratch area). #>
    $name = if ($IsWindows) { 'CasAws.CredentialProcess.exe' } else { 'CasAws.CredentialProcess' }
    Join-Path $env:CASAWS_DATA_DIR "bin/$name"
}

function Invoke-CasAwsHelper {
    <#
    .SYNOPSIS
        Runs the helper with the current CASAWS_CACHE_DIR and stdin left open (never closed), as a
        hung parent would; returns ExitCode, StdOut, StdErr, and TimedOut when it did not exit in 20 s.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string[]] $Arguments)
    $info = [System.Diagnostics.ProcessStartInfo]::new((Get-CasAwsHelperPath))
    foreach ($argument in $Arguments) { $info.ArgumentList.Add($argument) }
    Invoke-CapturedProcess -StartInfo $info -TimeoutSeconds 20 -HoldInput
}

function New-CasAwsTestCredential {
    <# .SYNOPSIS A CasAwsCredential with the given life left (made here: these tests are about what happens to credentials, not how CAS issues them). #>
    [CmdletBinding()]
    param([TimeSpan] $Life = [TimeSpan]::FromHours(1), [string] $AccessKey = 'ASIATESTFILES0000001', [string] $Region)
    $credential = [CasAws.Credentials.CasAwsCredential]::new($AccessKey, 'files/secret+key=0123456789abcdefghijklmn', 'FwoGZXIvYXdzE+files/token=', [datetime]::UtcNow + $Life)
    $credential.AccountId = '123456789012'
    $credential.AssumedRoleArn = 'arn:aws:sts::123456789012:assumed-role/CasDeveloper/session'
    if ($Region) { $credential.Region = $Region }
    $credential
}

function Invoke-WithoutHost {
    <#
    .SYNOPSIS
        Runs one command of the built module in a runspace without a host, so that what it writes to the
        host (the 'What if:' lines of -WhatIf) stays out of the test log; returns its output, throws its first error.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Command, [hashtable] $Parameters = @{})
    $ps = [powershell]::Create()
    try {
        $null = $ps.AddCommand('Import-Module').AddParameter('Name', (Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1')).AddStatement()
        $null = $ps.AddCommand($Command).AddParameters($Parameters)
        $output = $ps.Invoke()
        if ($ps.Streams.Error.Count -gt 0) { throw $ps.Streams.Error[0] }
        $output
    } finally {
        $ps.Dispose()
    }
}

Export-ModuleMember -Function Remove-TestDirectory, Enter-CasAwsScratch, Exit-CasAwsScratch, Get-CasAwsHelperPath, Get-CasAwsHelperCopyPath, Invoke-CasAwsHelper, New-CasAwsTestCredential, Invoke-WithoutHost
