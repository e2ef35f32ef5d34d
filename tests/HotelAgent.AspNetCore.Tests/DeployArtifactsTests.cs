using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace HotelAgent.AspNetCore.Tests;

/// <summary>
/// The operations files of docs/deploy against the sample host: every metric the Grafana dashboard and the Prometheus
/// rules query is one the host really exposes at <c>/metrics</c>, and <c>promtool</c> accepts the rules and their unit
/// tests.
/// </summary>
public sealed partial class DeployArtifactsTests
{
    private static readonly string Deploy = Path.Combine(RepositoryRoot(), "docs", "deploy");
    private static readonly string RulesFile = Path.Combine(Deploy, "prometheus", "hotel-agent.rules.yml");
    private static readonly string RulesTestFile = Path.Combine(Deploy, "prometheus", "hotel-agent.rules.test.yml");
    private static readonly string DashboardFile = Path.Combine(Deploy, "grafana", "hotel-agent.dashboard.json");

    [Fact]
    public async Task MetricsEndpoint_AfterBookingFallbackHandoffAndCancellation_ExposesEveryMetricTheDashboardAndRulesQuery()
    {
        await using var factory = new SampleHostFactory();
        var client = factory.CreateClient();
        var month = SampleHostFactory.Now.UtcDateTime.AddMonths(1).ToString("MMMM", System.Globalization.CultureInfo.GetCultureInfo("es-ES"));

        await client.SayAsync("ops-booking", $"Quiero reservar una doble del 10 al 12 de {month} para 2 personas");
        await client.SayAsync("ops-booking", "Me llamo Ana García y mi correo es ana@example.com");
        (await client.SayAsync("ops-booking", "sí")).GetProperty("state").GetString().Should().Be("booked");
        await client.SayAsync("ops-booking", "Quiero cancelar mi reserva");
        (await client.SayAsync("ops-booking", "sí")).GetProperty("state").GetString().Should().Be("idle");
        (await client.SayAsync("ops-fallback", "asdf qwerty zxcv")).GetProperty("intent").GetString().Should().Be("out_of_scope");
        (await client.SayAsync("ops-handoff", "Can I speak to a human please?")).GetProperty("state").GetString().Should().Be("handed_off");

        var exposition = await client.GetStringAsync("/metrics");
        var series = ParseExposition(exposition);

        var queried = QueriedMetrics(await File.ReadAllTextAsync(RulesFile))
            .Concat(DashboardExpressions(await File.ReadAllTextAsync(DashboardFile)).SelectMany(QueriedMetrics))
            .ToHashSet(StringComparer.Ordinal);
        queried.Should().Contain(
            [
                "hotel_agent_turn_duration_seconds_bucket", "hotel_agent_nlu_fallbacks_total", "hotel_agent_turns_total",
                "hotel_agent_pms_request_duration_seconds_count", "hotel_agent_pms_circuit_state", "hotel_agent_inbox_depth",
                "hotel_agent_inbox_dead_letters", "hotel_agent_bookings_created_total", "hotel_agent_messages_received_total",
            ],
            "the dashboard and the rules cover latency, understanding, automation, the PMS, the inbox and bookings");
        foreach (var metric in queried)
        {
            series.Keys.Should().Contain(metric, $"{metric} is queried in docs/deploy, so the host must expose it; /metrics said:\n{exposition}");
        }

        // The SLO rules count turns under the 0.5 s and 5 s bucket bounds, and automated turns by their label.
        series["hotel_agent_turn_duration_seconds_bucket"].Should().Contain(l => l.Contains("le=\"0.5\"", StringComparison.Ordinal))
            .And.Contain(l => l.Contains("le=\"5\"", StringComparison.Ordinal));
        series["hotel_agent_turns_total"].Should().Contain(l => l.Contains("hotel_agent_automated=\"true\"", StringComparison.Ordinal))
            .And.Contain(l => l.Contains("hotel_agent_automated=\"false\"", StringComparison.Ordinal));
        series["hotel_agent_bookings_cancelled_total"].Should().NotBeEmpty();
        // Other hosts of the same test process may report through the same meter too: every series must say the same.
        series["hotel_agent_pms_circuit_state"].Should().NotBeEmpty().And.OnlyContain(l => l.EndsWith(" 0", StringComparison.Ordinal), "the circuit is closed");
        series["hotel_agent_inbox_dead_letters"].Should().NotBeEmpty().And.OnlyContain(l => l.EndsWith(" 0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Promtool_RulesAndTheirUnitTests_Pass()
    {
        var promtool = FindPromtool();
        var check = await RunAsync(promtool, "check", "rules", RulesFile);
        check.Output.Should().Contain("SUCCESS");
        check.ExitCode.Should().Be(0, check.Output);

        var test = await RunAsync(promtool, "test", "rules", RulesTestFile);
        test.ExitCode.Should().Be(0, test.Output);
        test.Output.Should().Contain("SUCCESS");
    }

    [Fact]
    public async Task Dashboard_EveryPanelQueriesPrometheus()
    {
        using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(DashboardFile));
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .Where(p => p.GetProperty("type").GetString() != "row")
            .ToList();

        panels.Should().HaveCountGreaterThanOrEqualTo(10);
        panels.Should().OnlyContain(p => p.GetProperty("targets").GetArrayLength() > 0);
        panels.SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Should().OnlyContain(t => t.GetProperty("datasource").GetProperty("uid").GetString() == "${datasource}");
        panels.Select(p => p.GetProperty("id").GetInt32()).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task KubernetesManifests_HostProbesHealthRunsAsNonRootAndTakesSecretsFromTheSecret()
    {
        var kustomization = Yaml(await File.ReadAllTextAsync(Path.Combine(Deploy, "kubernetes", "kustomization.yaml"))).Single();
        var resources = Sequence(kustomization, "resources").Select(r => r.ToString()).ToList();
        resources.Should().Contain(["redis.yaml", "hotel-agent.yaml"]);
        var documents = new List<YamlMappingNode>();
        foreach (var resource in resources)
        {
            File.Exists(Path.Combine(Deploy, "kubernetes", resource)).Should().BeTrue($"{resource} is listed in kustomization.yaml");
            documents.AddRange(Yaml(await File.ReadAllTextAsync(Path.Combine(Deploy, "kubernetes", resource))));
        }

        var deployment = documents.Single(d => Scalar(d, "kind") == "Deployment");
        var pod = Mapping(Mapping(deployment, "spec"), "template", "spec");
        Mapping(pod, "securityContext").Children[new YamlScalarNode("runAsNonRoot")].ToString().Should().Be("true");
        Scalar(Mapping(pod, "securityContext"), "runAsUser").Should().Be("1654", "the image's user");
        var container = (YamlMappingNode)Sequence(pod, "containers").Single();
        Scalar(Mapping(container, "startupProbe", "httpGet"), "path").Should().Be("/health/live");
        Scalar(Mapping(container, "livenessProbe", "httpGet"), "path").Should().Be("/health/live");
        Scalar(Mapping(container, "readinessProbe", "httpGet"), "path").Should().Be("/health/ready");
        Scalar((YamlMappingNode)Sequence(container, "ports").Single(), "containerPort").Should().Be("8080");
        Scalar(Mapping(container, "securityContext"), "readOnlyRootFilesystem").Should().Be("true");

        var environment = Sequence(container, "env").Cast<YamlMappingNode>().ToDictionary(e => Scalar(e, "name"));
        foreach (var secret in new[] { "HotelAgent__AdminApiKey", "HotelAgent__IdentifierKey", "REDIS_PASSWORD" })
        {
            environment.Should().ContainKey(secret);
            environment[secret].Children.Should().NotContainKey(new YamlScalarNode("value"), $"{secret} is a secret");
            Scalar(Mapping(environment[secret], "valueFrom", "secretKeyRef"), "name").Should().Be("hotel-agent");
        }

        Scalar(environment["HotelAgent__Redis__Configuration"], "value").Should().Be("redis:6379,password=$(REDIS_PASSWORD),abortConnect=false");
        Mapping(environment["HotelAgent__Redis__Inbox__ConsumerName"], "valueFrom", "fieldRef").Children[new YamlScalarNode("fieldPath")].ToString().Should().Be("metadata.name");
        documents.Should().Contain(d => Scalar(d, "kind") == "Service" && Scalar(Mapping(d, "metadata"), "name") == "redis");
        var redis = (YamlMappingNode)Sequence(Mapping(Mapping(documents.Single(d => Scalar(d, "kind") == "StatefulSet"), "spec"), "template", "spec"), "containers").Single();
        Sequence(redis, "env").Cast<YamlMappingNode>().Should().OnlyContain(e => Mapping(e, "valueFrom", "secretKeyRef") != null);
    }

    [Fact]
    public async Task ComposeFile_TakesEverySecretFromTheEnvironmentAndRunsTheImageReadOnly()
    {
        var compose = Yaml(await File.ReadAllTextAsync(Path.Combine(Deploy, "compose", "compose.yaml"))).Single();
        var services = Mapping(compose, "services");
        services.Children.Keys.Select(k => k.ToString()).Should().Contain(["hotel-agent", "redis", "prometheus", "grafana"]);
        var host = Mapping(services, "hotel-agent");
        Scalar(host, "image").Should().Be("hotelagent-sample:latest");
        Sequence(host, "ports").Select(p => p.ToString()).Should().Equal("8080:8080");
        Scalar(host, "read_only").Should().Be("true");
        var environment = Mapping(host, "environment").Children.ToDictionary(c => c.Key.ToString(), c => c.Value.ToString());
        environment["ASPNETCORE_ENVIRONMENT"].Should().Be("Production");
        foreach (var secret in new[] { "HotelAgent__AdminApiKey", "HotelAgent__IdentifierKey" })
        {
            environment[secret].Should().MatchRegex(@"^\$\{[A-Z_]+:\?[^}]+\}$", $"{secret} comes from the environment, and is required");
        }

        environment["HotelAgent__Redis__Configuration"].Should().Contain("password=${REDIS_PASSWORD:?");
        Sequence(Mapping(services, "redis"), "command").Select(c => c.ToString()).Should().Contain("--requirepass").And.Contain("${REDIS_PASSWORD:?set REDIS_PASSWORD}");
        Sequence(Mapping(services, "prometheus"), "volumes").Select(v => v.ToString()).Should().Contain("../prometheus:/etc/prometheus:ro");
        Sequence(Mapping(services, "grafana"), "volumes").Select(v => v.ToString())
            .Should().Contain(v => v.StartsWith("../grafana/hotel-agent.dashboard.json:", StringComparison.Ordinal));
    }

    private static List<YamlMappingNode> Yaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }

    private static YamlMappingNode Mapping(YamlMappingNode node, params string[] path)
    {
        foreach (var key in path)
        {
            node = (YamlMappingNode)node.Children[new YamlScalarNode(key)];
        }

        return node;
    }

    private static YamlSequenceNode Sequence(YamlMappingNode node, string key) => (YamlSequenceNode)node.Children[new YamlScalarNode(key)];

    private static string Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value! : string.Empty;

    /// <summary>Metric names of a PromQL text: label matchers, grouping clauses and recording-rule names (with ':') left out.</summary>
    private static IEnumerable<string> QueriedMetrics(string promql)
    {
        var withoutLabels = LabelMatchers().Replace(promql, string.Empty);
        withoutLabels = Grouping().Replace(withoutLabels, string.Empty);
        return MetricName().Matches(withoutLabels).Select(m => m.Value);
    }

    private static IEnumerable<string> DashboardExpressions(string json)
    {
        var expressions = new List<string>();
        void Walk(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        if (property.NameEquals("expr") || property.NameEquals("query"))
                        {
                            if (property.Value.ValueKind == JsonValueKind.String)
                            {
                                expressions.Add(property.Value.GetString()!);
                            }
                            else if (property.Value.ValueKind == JsonValueKind.Object && property.Value.TryGetProperty("query", out var query))
                            {
                                expressions.Add(query.GetString()!);
                            }
                        }
                        else
                        {
                            Walk(property.Value);
                        }
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Walk(item);
                    }

                    break;
            }
        }

        using var document = JsonDocument.Parse(json);
        Walk(document.RootElement);
        expressions.Should().NotBeEmpty();
        return expressions;
    }

    /// <summary>Series of a Prometheus text exposition, by metric name.</summary>
    private static Dictionary<string, List<string>> ParseExposition(string exposition)
    {
        var series = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in exposition.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var end = line.IndexOfAny(['{', ' ']);
            var name = line[..end];
            if (!series.TryGetValue(name, out var lines))
            {
                series[name] = lines = [];
            }

            lines.Add(line);
        }

        return series;
    }

    private static string FindPromtool()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "promtool"))
            .Append("/usr/bin/promtool")
            .FirstOrDefault(File.Exists);
        if (found is null)
        {
            const string Reason = "promtool is not installed (apt-get install -y --no-install-recommends prometheus).";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(Reason + " CI must check the alert rules.");
            }

            Assert.Skip(Reason);
        }

        return found!;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(RulesFile)!,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HotelAgent.Sdk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("HotelAgent.Sdk.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<![:\w])(hotel_agent_\w+|http_server_\w+)(?![:\w])")]
    private static partial Regex MetricName();
}
