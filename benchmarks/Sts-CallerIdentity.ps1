<#
.SYNOPSIS
    The STS features' cost: the one-time load of CasAws's private AWS SDK (first Get-CasAwsCallerIdentity
    in a fresh pwsh, against later calls), and a warm Get-CasAwsCallerIdentity compared with the AWS CLI's
    'aws sts get-caller-identity' against the same local STS (the emulator's), interleaved, in one run.
#>
param(
    [Parameter(Mandatory)] [string] $Root,
    [string] $Configuration = 'Release',
    [int] $Iterations = 20,
    [int] $FreshProcesses = 3
)
$ErrorActionPreference = 'Stop'
$env:CASAWS_REPO_ROOT = $Root
Import-Module (Join-Path $Root 'tests/Pester/TestSupport/Emulator.psm1') -Force
$modulePath = Join-Path $Root 'artifacts/CasAws/CasAws.psd1'
Import-Module $modulePath -Force

$emulator = Start-CasAwsEmulator
try {
    $user = (Get-CasAwsEmulatorSampleConfig).sts.iamUsers | Where-Object userName -EQ 'cli/cli-user'
    $keys = [CasAws.Credentials.CasAwsCredential]::new($user.accessKeyId, $user.secretAccessKey, '', [datetime]::UtcNow.AddHours(1))

    # 1. The one-time cost of loading CasAws.Sts and the AWS SDK into their private context.
    $script = @"
Import-Module '$modulePath'
`$key = [CasAws.Credentials.CasAwsCredential]::new('$($user.accessKeyId)', '$($user.secretAccessKey)', '', [datetime]::UtcNow.AddHours(1))
`$watch = [System.Diagnostics.Stopwatch]::StartNew()
`$null = Get-CasAwsCallerIdentity -AwsCredential `$key -EndpointUrl '$($emulator.StsUrlHttp)' -ErrorAction Stop
`$first = `$watch.Elapsed.TotalMilliseconds
`$watch.Restart()
foreach (`$i in 1..10) { `$null = Get-CasAwsCallerIdentity -AwsCredential `$key -EndpointUrl '$($emulator.StsUrlHttp)' -ErrorAction Stop }
'{0};{1}' -f `$first, (`$watch.Elapsed.TotalMilliseconds / 10)
"@
    $firsts = @(); $laters = @()
    foreach ($i in 1..$FreshProcesses) {
        $first, $later = ((& dotnet pwsh -NoProfile -NonInteractive -Command $script) | Select-Object -Last 1).Split(';')
        $firsts += [double] $first; $laters += [double] $later
    }
    $firstMs = ($firsts | Measure-Object -Average).Average
    $laterMs = ($laters | Measure-Object -Average).Average
    Write-Host ('First Get-CasAwsCallerIdentity in a fresh pwsh (loads the private AWS SDK): {0:N0} ms; later calls: {1:N1} ms; {2} processes' -f $firstMs, $laterMs, $FreshProcesses)

    # 2. Warm cmdlet against the AWS CLI, the same call to the same STS.
    $cli = Get-TestAwsCliPath
    if (-not $cli) { Write-Host 'The AWS CLI is not installed: the comparison is skipped.'; return }
    $cliArguments = @('sts', 'get-caller-identity', '--endpoint-url', $emulator.StsUrlHttp, '--output', 'json')
    $cliEnvironment = @{ AWS_ACCESS_KEY_ID = $user.accessKeyId; AWS_SECRET_ACCESS_KEY = $user.secretAccessKey }
    foreach ($i in 1..3) {
        $null = Get-CasAwsCallerIdentity -AwsCredential $keys -EndpointUrl $emulator.StsUrlHttp
        $null = Invoke-TestAwsCli -Emulator $emulator -Arguments $cliArguments -Environment $cliEnvironment
    }
    $cmdletTime = [TimeSpan]::Zero; $cliTime = [TimeSpan]::Zero
    $watch = [System.Diagnostics.Stopwatch]::new()
    foreach ($i in 1..$Iterations) {
        $watch.Restart()
        $identity = Get-CasAwsCallerIdentity -AwsCredential $keys -EndpointUrl $emulator.StsUrlHttp
        $watch.Stop(); $cmdletTime += $watch.Elapsed
        if ($identity.Account -ne '123456789012') { throw 'The cmdlet gave no identity.' }

        $watch.Restart()
        $answer = Invoke-TestAwsCli -Emulator $emulator -Arguments $cliArguments -Environment $cliEnvironment
        $watch.Stop(); $cliTime += $watch.Elapsed
        if ($answer.ExitCode -ne 0 -or $answer.Json.Account -ne '123456789012') { throw "The AWS CLI failed: $($answer.StdErr)" }
    }
    $cmdletMs = $cmdletTime.TotalMilliseconds / $Iterations
    $cliMs = $cliTime.TotalMilliseconds / $Iterations
    Write-Host ('Get-CasAwsCallerIdentity (warm): {0:N1} ms per call; aws sts get-caller-identity: {1:N1} ms per call; {2} iterations' -f $cmdletMs, $cliMs, $Iterations)
    Write-Host ('ratio cmdlet/AWS CLI: {0:N3}' -f ($cmdletMs / $cliMs))
} finally {
    Stop-CasAwsEmulator $emulator
}
