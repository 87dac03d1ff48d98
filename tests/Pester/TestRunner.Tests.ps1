# The test command itself: a test host that dies mid-run, or a run in which nothing ran, must fail it
# with a line that says so, never read as '0 failed'. Each case runs tests/Invoke-AllTests.ps1 on the
# built tree with its xunit stage alone and a filter that selects only tests/Unit/Runner/TestHostCrashTests.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/CapturedProcess.psm1') -Force
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) ('casaws-runner-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
    New-Item -ItemType Directory -Path $script:Work | Out-Null

    function script:Invoke-TestCommand([hashtable] $Environment = @{}) {
        $pwsh = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
        $info = [System.Diagnostics.ProcessStartInfo]::new($pwsh)
        if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        $results = Join-Path $script:Work ([guid]::NewGuid().ToString('N'))
        foreach ($argument in '-NoProfile', '-NonInteractive', '-File', (Join-Path $env:CASAWS_REPO_ROOT 'tests/Invoke-AllTests.ps1'),
            '-Root', $env:CASAWS_REPO_ROOT, '-Configuration', $(if ($env:CASAWS_CONFIGURATION) { $env:CASAWS_CONFIGURATION } else { 'Release' }),
            '-Filter', 'TestHostCrash', '-Stage', 'xunit', '-ResultsDirectory', $results, '-NoToolInstall') { $info.ArgumentList.Add($argument) }
        foreach ($key in $Environment.Keys) { $info.Environment[$key] = $Environment[$key] }
        $run = Invoke-CapturedProcess -StartInfo $info -TimeoutSeconds 600
        $run | Add-Member -NotePropertyName Lines -NotePropertyValue @($run.StdOut -split "`r?`n" | Where-Object { $_ })
        $run
    }
}

AfterAll {
    Remove-Item -LiteralPath $script:Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The test command' {
    It 'exits non-zero and names the xunit stage when a test kills its own test host' {
        $run = Invoke-TestCommand @{ CASAWS_TEST_KILL_HOST = '1' }

        $run.TimedOut | Should -BeFalse
        $run.ExitCode | Should -Not -Be 0 -Because $run.StdOut
        $run.Lines | Should -Contain 'FAILED: xunit did not complete (the run''s outcome is Failed): The active test run was aborted. Reason: Test host process crashed'
        $run.Lines[-1] | Should -Be '0 passed, 1 failed, 0 skipped'
    }

    It 'exits non-zero when nothing ran, the one selected test skipping itself with its reason' {
        $run = Invoke-TestCommand

        $run.ExitCode | Should -Not -Be 0 -Because $run.StdOut
        $run.StdOut | Should -Match 'Skipped .*Kills_its_own_test_host_when_the_runner_test_asks'
        $run.Lines[-1] | Should -Be '0 passed, 0 failed, 1 skipped'
    }
}
