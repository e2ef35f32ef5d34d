using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace HotelAgent.Tests.Shared;

// Linked into every test project whose tests need a program besides the .NET SDK (tests/Shared is not a project).
/// <summary>
/// The programs some tests need (redis-server, Chromium, Dovecot and OpenSMTPD, espeak-ng and opusenc, a live QloApps):
/// where to find them, and what a test does without them: it is skipped locally, and fails under <c>CI=true</c>.
/// </summary>
/// <remarks>
/// <para>Skip reasons are not printed by <c>dotnet test</c> at its default verbosity, but test warnings are: the first
/// test of each group to be skipped in a test run carries a warning naming what to install, so the run shows one line
/// per missing group (<c>• Redis tests skipped: ...</c>).</para>
/// <para><c>HOTELAGENT_TESTS_WITHOUT</c> (a comma-separated list of group ids: <c>redis</c>, <c>chromium</c>,
/// <c>mail</c>, <c>voice</c>, <c>qloapps</c>) makes the tests behave as on a machine without those programs.</para>
/// </remarks>
public static class TestPrerequisites
{
    /// <summary>The group id of the tests that start redis-server.</summary>
    public const string Redis = "redis";

    /// <summary>The group id of the tests that drive headless Chromium.</summary>
    public const string Chromium = "chromium";

    /// <summary>The group id of the tests that start Dovecot and OpenSMTPD.</summary>
    public const string Mail = "mail";

    /// <summary>The group id of the tests that make voice notes with espeak-ng and opusenc.</summary>
    public const string Voice = "voice";

    /// <summary>The group id of the tests against the live QloApps.</summary>
    public const string QloApps = "qloapps";

    /// <summary>The environment variable that lists the groups to treat as missing.</summary>
    public const string WithoutVariable = "HOTELAGENT_TESTS_WITHOUT";

    private static readonly ConcurrentDictionary<string, bool> Reported = new(StringComparer.Ordinal);

    /// <summary>Gets whether the tests run under CI (<c>CI=true</c>), where a missing program fails the test.</summary>
    public static bool IsCI => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns whether <see cref="WithoutVariable"/> names <paramref name="group"/>.</summary>
    public static bool IsDisabled(string group) =>
        (Environment.GetEnvironmentVariable(WithoutVariable) ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Contains(group, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Finds <paramref name="program"/> on the PATH or at one of <paramref name="fallbacks"/>, or returns
    /// <see langword="null"/> when it is not there or its <paramref name="group"/> is disabled.
    /// </summary>
    public static string? FindProgram(string group, string program, params string[] fallbacks)
    {
        if (IsDisabled(group))
        {
            return null;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .Concat(fallbacks)
            .FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// Fails the current test under <c>CI=true</c>; otherwise skips it, the first skip of the group in this run
    /// carrying a warning that <c>dotnet test</c> prints.
    /// </summary>
    /// <param name="group">The group id (<see cref="Redis"/>, <see cref="Chromium"/>, ...).</param>
    /// <param name="tests">What the tests are, for the message ("Redis tests").</param>
    /// <param name="reason">Why they cannot run ("redis-server is not installed").</param>
    /// <param name="install">How to install what is missing ("apt-get install -y redis-server").</param>
    [DoesNotReturn]
    public static void SkipOrFail(string group, string tests, string reason, string install)
    {
        if (IsCI)
        {
            Assert.Fail($"{tests} cannot run under CI=true: {reason}. Install: {install} (.ci/install-test-deps does it).");
        }

        var message = $"{tests} skipped: {reason}. Install: {install} (or run .ci/install-test-deps).";
        if (Reported.TryAdd(group, true))
        {
            TestContext.Current.AddWarning(message);
        }

        Assert.Skip(message);
    }
}
