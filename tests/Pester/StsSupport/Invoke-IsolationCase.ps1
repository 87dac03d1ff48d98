<#
.SYNOPSIS
    One isolation case, run in a fresh pwsh by StsIsolation.Tests.ps1: loads a foreign AWSSDK.Core (standing
    in for the one AWS Tools for PowerShell loads) before or after using CasAws's STS features, uses both
    copies, and prints one JSON object describing what happened.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [string] $ForeignSdkPath,
    [Parameter(Mandatory)] [ValidateSet('Before', 'After', 'Clash', 'BasicFlow')] [string] $Order,
    [string] $CasServer,
    [string] $CasUser,
    [string] $CasPassword,
    [string] $StsUrl,
    [string] $AccessKey,
    [string] $SecretKey
)
$ErrorActionPreference = 'Stop'
$report = [ordered]@{ Steps = [System.Collections.Generic.List[string]]::new(); Error = $null }

function Use-ForeignSdk([string] $Step) {
    # Something real on the foreign copy: build credentials, read them back, sign with its HMAC.
    $credentials = [Amazon.Runtime.SessionAWSCredentials]::new('AKIAFOREIGNCOPY00001', 'foreign-secret', 'foreign-token')
    $immutable = $credentials.GetCredentials()
    $signature = [Amazon.Util.CryptoUtilFactory]::CryptoInstance.HMACSign('data', 'key', [Amazon.Runtime.SigningAlgorithm]::HmacSHA256)
    $hmac = [System.Security.Cryptography.HMACSHA256]::new([Text.Encoding]::UTF8.GetBytes('key'))
    $expected = [Convert]::ToBase64String($hmac.ComputeHash([Text.Encoding]::UTF8.GetBytes('data')))
    if ($immutable.Token -ne 'foreign-token' -or $signature -ne $expected) { throw "the foreign SDK misbehaved at $Step" }
    $report.Steps.Add("$Step foreign:" + $immutable.AccessKey + ':' + $signature)
}

function Use-CasAwsSts([string] $Step) {
    $credential = [CasAws.Credentials.CasAwsCredential]::new($AccessKey, $SecretKey, '', [datetime]::UtcNow.AddHours(1))
    $identity = Get-CasAwsCallerIdentity -AwsCredential $credential -EndpointUrl $StsUrl -ErrorAction Stop
    $report.Steps.Add("$Step casaws:" + $identity.Arn)
}

try {
    switch ($Order) {
        'Before' {
            Add-Type -Path $ForeignSdkPath
            Use-ForeignSdk 'before-import'
            Import-Module $ModulePath
            Use-CasAwsSts 'first-call'
            Use-ForeignSdk 'after-sts'
            Use-CasAwsSts 'second-call'
        }
        'After' {
            Import-Module $ModulePath
            Use-CasAwsSts 'first-call'
            Add-Type -Path $ForeignSdkPath
            Use-ForeignSdk 'after-sts'
            Use-CasAwsSts 'second-call'
            Use-ForeignSdk 'after-second-call'
        }
        'BasicFlow' {
            # The CAS flow alone must not need, and so must not load, any AWS SDK assembly.
            Import-Module $ModulePath
            $password = ConvertTo-SecureString $CasPassword -AsPlainText -Force
            $null = Connect-CasAws -Server $CasServer -Credential ([pscredential]::new($CasUser, $password)) -WarningAction SilentlyContinue
            $null = Get-CasAwsRole
            $credential = Get-CasAwsCredential
            $report.Steps.Add('basic-flow credential:' + ($null -ne $credential.AccessKey))
            Disconnect-CasAws
        }
        'Clash' {
            # The control: without a private load context, a second AWSSDK.Core cannot load.
            Add-Type -Path $ForeignSdkPath
            $ours = Join-Path (Split-Path $ModulePath) 'core/sts/AWSSDK.Core.dll'
            [void] [System.Reflection.Assembly]::LoadFrom($ours)
            $report.Steps.Add('clash: loaded both into the default context')
        }
    }
} catch {
    $report.Error = $_.Exception.GetBaseException().Message
}

$report.Contexts = @([System.Runtime.Loader.AssemblyLoadContext]::All | ForEach-Object { "$($_.Name)" })
$report.Assemblies = @(foreach ($context in [System.Runtime.Loader.AssemblyLoadContext]::All) {
        foreach ($assembly in $context.Assemblies) {
            $name = $assembly.GetName()
            if ($name.Name -like 'AWSSDK*' -or $name.Name -like 'CasAws*') {
                [ordered]@{ Name = $name.Name; Version = "$($name.Version)"; Context = "$($context.Name)"; Location = $assembly.Location }
            }
        }
    })
$report | ConvertTo-Json -Depth 4 -Compress
