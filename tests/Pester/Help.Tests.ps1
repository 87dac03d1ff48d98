# Every exported cmdlet has real help (from docs/help through tools/Build-Help.ps1), as a user sees it.
BeforeDiscovery {
    $modulePath = Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1'
    $script:cmdletCases = @((Import-Module $modulePath -PassThru -Force).ExportedCmdlets.Keys | Sort-Object | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1') -Force
    $script:common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
}

Describe 'Help of <Name>' -ForEach $cmdletCases {
    BeforeAll {
        $script:help = Get-Help $Name -Full
    }

    It 'has a synopsis and a description from the help file' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "*$Name *[<CommonParameters>]*"   # not the generated syntax
        ($help.Description.Text -join ' ').Length | Should -BeGreaterThan 40
    }

    It 'has at least two examples with code and an explanation' {
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        foreach ($example in $help.Examples.Example) {
            $example.Code | Should -Not -BeNullOrEmpty
            ($example.Remarks.Text -join '').Trim() | Should -Not -BeNullOrEmpty
        }
    }

    It 'describes every parameter' {
        foreach ($parameter in (Get-Command $Name).Parameters.Keys | Where-Object { $_ -notin $common }) {
            $text = (Get-Help $Name -Parameter $parameter).Description.Text -join ' '
            $text | Should -Not -BeNullOrEmpty -Because "-$parameter of $Name needs a '### -$parameter' block in docs/help/$Name.md"
        }
    }
}

Describe 'about_CasAws' {
    It 'is found by Get-Help' {
        $topic = Get-Help about_CasAws
        ($topic | Out-String) | Should -BeLike '*Connect-CasAws*'
    }

    It 'documents every error id the module can raise (src/CasAws.Core/Errors/ErrorIds.cs)' {
        $source = Get-Content -Raw -LiteralPath (Join-Path $env:CASAWS_REPO_ROOT 'src/CasAws.Core/Errors/ErrorIds.cs')
        $ids = @([regex]::Matches($source, 'public const string \w+ = "(\w+)"') | ForEach-Object { $_.Groups[1].Value })
        $ids.Count | Should -BeGreaterThan 40 -Because 'the ids are read from the source'
        $topic = (Get-Help about_CasAws | Out-String)
        $errors = $topic.Substring($topic.IndexOf('ERRORS'))
        $missing = @($ids | Where-Object { $errors -notmatch "\b$_\b" })
        $missing | Should -BeNullOrEmpty -Because "every id needs a line in the ERRORS section of docs/help/about_CasAws.md (missing: $($missing -join ', '))"
    }

    It 'raises errors only with ids from ErrorIds.cs' {
        $sources = Get-ChildItem -LiteralPath (Join-Path $env:CASAWS_REPO_ROOT 'src') -Recurse -Filter *.cs |
            Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' }
        # An id is the argument before the ErrorCategory (ErrorRecord) or the first one (CasAwsException).
        $literal = @($sources | Select-String -Pattern ',\s*"\w+"\s*,\s*ErrorCategory\.', 'new CasAwsException\(\s*"', ',\s*"\w+"\s*,\s*CasAwsErrorKind\.' | ForEach-Object { "$($_.Filename):$($_.LineNumber)" })
        $literal | Should -BeNullOrEmpty -Because 'an id written as a string literal escapes the documentation check'
    }
}

Describe 'One-time codes in examples' {
    It 'are never written into a command, where the history file and transcripts keep them' {
        $documents = @(Get-ChildItem (Join-Path $env:CASAWS_REPO_ROOT 'docs/help') -Filter '*.md') + @(Get-Item (Join-Path $env:CASAWS_REPO_ROOT 'README.md'))
        $literal = @($documents | Select-String -Pattern '-Passcode\s+[''"]?\d' | ForEach-Object { "$($_.Filename):$($_.LineNumber): $($_.Line.Trim())" })
        $literal | Should -BeNullOrEmpty -Because 'a Duo bypass code can be reusable: examples read it with Read-Host -MaskInput or take it from a variable'
    }
}

Describe 'README' {
    It 'mentions every exported cmdlet' {
        $readme = Get-Content -Raw -LiteralPath (Join-Path $env:CASAWS_REPO_ROOT 'README.md')
        $missing = @((Get-Module CasAws).ExportedCmdlets.Keys | Where-Object { $readme -notmatch "\b$_\b" })
        $missing | Should -BeNullOrEmpty
    }
}
