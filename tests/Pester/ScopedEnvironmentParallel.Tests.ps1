# Invoke-CasAwsCommand in several runspaces at once: the environment is process-wide, so runs take
# turns. Each run sees only its own keys, and nothing is left in the environment afterwards.
BeforeAll {
    $script:Module = Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1'
    Import-Module $script:Module -Force
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/CasAwsFiles.psm1') -Force
    $script:Names = 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_ACCOUNT_ID', 'AWS_PROFILE'

    # What a run saw, sampled several times while it ran (a neighbour starting mid-run would show up).
    $script:Probe = {
        param($mine)
        foreach ($sample in 1..8) {
            Start-Sleep -Milliseconds 15
            [pscustomobject]@{ Mine = $mine; Key = $env:AWS_ACCESS_KEY_ID; Secret = $env:AWS_SECRET_ACCESS_KEY }
        }
    }

    function script:New-ParallelCredential([int] $Index) {
        $credential = New-CasAwsTestCredential -AccessKey ('ASIAPARALLEL{0:D8}' -f $Index)
        [CasAws.Credentials.CasAwsCredential]::new($credential.AccessKey, "secret-of-run-$Index", $credential.SessionToken, $credential.Expiration)
    }

    function script:Assert-OwnKeysOnly($Samples, [int] $Runs) {
        @($Samples).Count | Should -Be (8 * $Runs)
        foreach ($sample in $Samples) {
            $sample.Key | Should -Be $sample.Mine -Because 'a run must never see the keys of a run in another runspace'
            $sample.Secret | Should -Be ('secret-of-run-{0}' -f [int] $sample.Mine.Substring(12))
        }
    }
}

Describe 'Invoke-CasAwsCommand in parallel runspaces' {
    BeforeEach {
        $script:Outside = @{}
        foreach ($name in $script:Names) { $script:Outside[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $null) }
        $env:AWS_PROFILE = 'users-own'
    }
    AfterEach {
        foreach ($name in $script:Names) { [Environment]::SetEnvironmentVariable($name, $script:Outside[$name]) }
    }

    It 'gives each ForEach-Object -Parallel run only its own keys and leaves nothing behind' {
        $credentials = 1..4 | ForEach-Object { New-ParallelCredential $_ }
        $module = $script:Module
        $probe = $script:Probe.ToString()

        $samples = $credentials | ForEach-Object -ThrottleLimit 4 -Parallel {
            Import-Module $using:module
            $_ | Invoke-CasAwsCommand ([scriptblock]::Create($using:probe)) $_.AccessKey
        }

        Assert-OwnKeysOnly $samples 4
        $env:AWS_ACCESS_KEY_ID | Should -BeNullOrEmpty
        $env:AWS_SECRET_ACCESS_KEY | Should -BeNullOrEmpty
        $env:AWS_PROFILE | Should -Be 'users-own'
    }

    It 'keeps thread jobs and a runspace pool apart as well' {
        $module = $script:Module
        $probe = $script:Probe.ToString()
        $jobs = 1..2 | ForEach-Object {
            Start-ThreadJob -ArgumentList $module, $probe, (New-ParallelCredential $_) -ScriptBlock {
                param($module, $probe, $credential)
                Import-Module $module
                $credential | Invoke-CasAwsCommand ([scriptblock]::Create($probe)) $credential.AccessKey
            }
        }
        $pool = [runspacefactory]::CreateRunspacePool(1, 2)
        $pool.Open()
        try {
            $shells = 3..4 | ForEach-Object {
                $shell = [powershell]::Create()
                $shell.RunspacePool = $pool
                [void] $shell.AddScript('param($module, $probe, $credential) Import-Module $module; $credential | Invoke-CasAwsCommand ([scriptblock]::Create($probe)) $credential.AccessKey').
                    AddArgument($module).AddArgument($probe).AddArgument((New-ParallelCredential $_))
                [pscustomobject]@{ Shell = $shell; Handle = $shell.BeginInvoke() }
            }
            $samples = @($jobs | Receive-Job -Wait -AutoRemoveJob) + @($shells | ForEach-Object { $_.Shell.EndInvoke($_.Handle) })
        } finally {
            $shells | ForEach-Object { $_.Shell.Dispose() }
            $pool.Dispose()
        }

        Assert-OwnKeysOnly $samples 4
        $env:AWS_ACCESS_KEY_ID | Should -BeNullOrEmpty
        $env:AWS_PROFILE | Should -Be 'users-own'
    }

    It 'lets a run that waits for its turn be stopped with Ctrl+C, leaving the running one alone' {
        $module = $script:Module
        $holder = [powershell]::Create()
        $waiter = [powershell]::Create()
        try {
            [void] $holder.AddScript('param($module, $credential) Import-Module $module; $credential | Invoke-CasAwsCommand { Start-Sleep -Seconds 60 }').
                AddArgument($module).AddArgument((New-ParallelCredential 1))
            $holding = $holder.BeginInvoke()
            $deadline = [datetime]::UtcNow.AddSeconds(30)
            while ($env:AWS_ACCESS_KEY_ID -ne 'ASIAPARALLEL00000001' -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            [void] $waiter.AddScript('param($module, $credential) Import-Module $module; $credential | Invoke-CasAwsCommand { $env:AWS_ACCESS_KEY_ID } -Verbose').
                AddArgument($module).AddArgument((New-ParallelCredential 2))
            $waiting = $waiter.BeginInvoke()
            while ($waiter.Streams.Verbose.Count -eq 0 -and -not $waiting.IsCompleted -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $waiting.IsCompleted | Should -BeFalse -Because 'the second run must wait while the first holds the environment'
            $waiter.Streams.Verbose.Message | Should -Match 'Waiting for Invoke-CasAwsCommand in another runspace' -Because 'the run says why it waits'

            $waiter.Stop()

            $waiter.InvocationStateInfo.State | Should -Be 'Stopped'
            $env:AWS_ACCESS_KEY_ID | Should -Be 'ASIAPARALLEL00000001' -Because 'the stopped run never touched the environment'
            $holder.Stop()
            $holding.IsCompleted | Should -BeTrue
        } finally {
            $waiter.Dispose()
            $holder.Dispose()
        }
        $env:AWS_ACCESS_KEY_ID | Should -BeNullOrEmpty
        $env:AWS_PROFILE | Should -Be 'users-own'
    }

    It 'lets a script block call Invoke-CasAwsCommand again (nested runs do not wait for themselves)' {
        $outer = New-ParallelCredential 1
        $inner = New-ParallelCredential 2

        $seen = $outer | Invoke-CasAwsCommand { param($inner) $env:AWS_ACCESS_KEY_ID; $inner | Invoke-CasAwsCommand { $env:AWS_ACCESS_KEY_ID }; $env:AWS_ACCESS_KEY_ID } $inner

        $seen | Should -Be 'ASIAPARALLEL00000001', 'ASIAPARALLEL00000002', 'ASIAPARALLEL00000001'
        $env:AWS_ACCESS_KEY_ID | Should -BeNullOrEmpty
    }
}
