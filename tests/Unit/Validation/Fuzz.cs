using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace CasAws.Tests.Validation;

/// <summary>
/// A small time-boxed fuzzer: mutates a corpus of well-formed server answers with adversarial pieces
/// (lone CR, escapes, typographic quotes, bad JSON escapes, brackets, huge runs, random bytes) for a
/// fixed time and fails with the seed and the input's index when a check throws. CASAWS_FUZZ_SEED
/// replays a run; CASAWS_FUZZ_SECONDS changes the budget (default 2 s per parser).
/// </summary>
internal static class Fuzz
{
    private static readonly string[] Pieces =
    {
        "\r", "\n", "\r\n", "\r[evil]\r", "\rcredential_process = sh -c id\r", "\u001b[31m", "\u001b]0;title\u0007", "\u009b2J",
        "\u0085", "\u2028", "\u2029", "\u0000", "\u007f", "\u2018", "\u2019", "\u201A", "\u201B", "'", "\"", "\\", "\\u", "\\uZZZZ",
        "\\ud800", "\\u00", "\\\"", "[", "]", "[default]", "=", "==", ", ", ",", "{", "}", "[]", "{}", ":", "null", "true", "1e999",
        "\uFEFF", "\uD800", "\uDFFF", "\u202E", "arn:aws:iam::123456789012:role/", "aws_session_token=", "region=", "SigninToken",
    };

    public static int BudgetMilliseconds =>
        int.TryParse(Environment.GetEnvironmentVariable("CASAWS_FUZZ_SECONDS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int seconds) && seconds > 0
            ? seconds * 1000
            : 2000;

    /// <summary>Runs <paramref name="check"/> on mutated inputs until the budget is spent; returns how many ran.</summary>
    public static int Run(string name, IReadOnlyList<string> corpus, Action<string> check, ITestOutputHelper output)
    {
        int seed = int.TryParse(Environment.GetEnvironmentVariable("CASAWS_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int fixedSeed)
            ? fixedSeed
            : Environment.TickCount & int.MaxValue;
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        int count = 0;
        while (clock.ElapsedMilliseconds < BudgetMilliseconds)
        {
            string input = Mutate(random, corpus[random.Next(corpus.Count)]);
            try
            {
                check(input);
            }
            catch (Exception problem)
            {
                throw new Xunit.Sdk.XunitException(
                    $"{name}: input #{count} of seed {seed} (CASAWS_FUZZ_SEED={seed} replays it) failed: {Show(input)}{Environment.NewLine}{problem}");
            }

            count++;
        }

        double seconds = clock.Elapsed.TotalSeconds;
        output.WriteLine($"fuzz {name}: {count} inputs in {seconds:F1} s ({count / seconds:F0} per second), seed {seed}");
        return count;
    }

    private static string Mutate(Random random, string seedText)
    {
        var text = new StringBuilder(seedText);
        int mutations = 1 + random.Next(6);
        for (int i = 0; i < mutations; i++)
        {
            int at = random.Next(text.Length + 1);
            switch (random.Next(8))
            {
                case 0: text.Insert(at, Pieces[random.Next(Pieces.Length)]); break;
                case 1: text.Insert(at, (char)random.Next(0, 0x3000)); break;
                case 2: if (text.Length > 0) text.Remove(Math.Min(at, text.Length - 1), 1 + random.Next(Math.Max(1, Math.Min(8, text.Length - Math.Min(at, text.Length - 1))))); break;
                case 3: text.Length = Math.Min(text.Length, at); break;
                case 4: text.Insert(at, new string(Pieces[random.Next(Pieces.Length)][0], random.Next(1, 3000))); break;
                case 5: if (text.Length > 0) text[Math.Min(at, text.Length - 1)] = (char)random.Next(0, 128); break;
                case 6: text.Insert(at, text.ToString(0, Math.Min(at, 64))); break;
                default: text.Insert(at, Pieces[random.Next(Pieces.Length)] + Pieces[random.Next(Pieces.Length)]); break;
            }
        }

        return text.ToString();
    }

    private static string Show(string input)
    {
        var shown = new StringBuilder("\"");
        foreach (char c in input.Length > 160 ? input.Substring(0, 160) + "..." : input)
        {
            shown.Append(c < ' ' || c > '~' ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c.ToString());
        }

        return shown.Append('"').ToString();
    }
}
