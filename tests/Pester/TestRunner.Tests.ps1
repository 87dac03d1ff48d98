# The test command itself: a test host or Pester process that dies mid-run, or a run in which nothing
# ran, must fail it with a line that says so, never read as '0 failed'. Each case runs
# tests/Invoke-AllTests.ps1 on the built tree with one stage and a filter that selects only
# tests/Unit/Runner/TestHostCrashTests or tests/Pester/PesterSuiteCrash.Tests.ps1.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/CapturedProcess.psm1') -Force
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) ('casaws-runner-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
    New-Item -ItemType Directory -Path $script:Work | Out-Null

    function script:Invoke-TestCommand([hashtable] $Environment = @{}, [string] $Stage = 'xunit', [string] $Filter = 'TestHostCrash') {
        $pwsh = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
        $info = [System.Diagnostics.ProcessStartInfo]::new($pwsh)
        if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        $results = Join-Path $script:Work ([guid]::NewGuid().ToString('N'))
        foreach ($argument in '-NoProfile', '-NonInteractive', '-File', (Join-Path $env:CASAWS_REPO_ROOT 'tests/Invoke-AllTests.ps1'),
            '-Root', $env:CASAWS_REPO_ROOT, '-Configuration', $(if ($env:CASAWS_CONFIGURATION) { $env:CASAWS_CONFIGURATION } else { 'Release' }),
            '-Filter', $Filter, '-Stage', $Stage, '-ResultsDirectory', $results, '-NoToolInstall', '-PesterSuites', '1') { $info.ArgumentList.Add($argument) }
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

    It 'exits non-zero and names the Pester process and its file when a test kills the Pester process it runs in' {
        $run = Invoke-TestCommand @{ CASAWS_TEST_KILL_PESTER = '1' } -Stage Pester -Filter PesterSuiteCrash

        $run.TimedOut | Should -BeFalse
        $run.ExitCode | Should -Not -Be 0 -Because $run.StdOut
        $run.Lines -match '^FAILED: Pester \d did not complete: it exited with code \d+ before writing its summary\.$' | Should -HaveCount 1 -Because $run.StdOut
        $run.Lines | Should -Contain 'FAILED: No Pester suite ran 1 test file(s): PesterSuiteCrash.Tests.ps1'
        $run.Lines[-1] | Should -Be '0 passed, 2 failed, 0 skipped'
    }
}
