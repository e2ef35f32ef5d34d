using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace HotelAgent.Packaging.Tests;

/// <summary>
/// The sample host's container image, built by the .NET SDK itself (<c>dotnet publish -t:PublishContainer</c>) into a
/// tarball, on top of a base image served by a registry on loopback: no Docker daemon and no outside network. The image
/// is checked from its config, then run the way a container runtime runs it: its layers unpacked into a root
/// filesystem, its entrypoint started there as its user, in its working directory, with its environment.
/// </summary>
[Collection(DotNetCli.BuildsCollection)]
public sealed class ContainerImageTests(ContainerImageTests.SampleImage sample) : IClassFixture<ContainerImageTests.SampleImage>
{
    [Fact]
    public async Task PublishContainer_SampleHost_ImageRunsAsNonRootOnPort8080WithoutSecrets()
    {
        sample.Output.Should().Contain("hotelagent-sample").And.Contain(sample.BaseImage);
        sample.BaseImageRequests.Should().BePositive("the base image comes from the loopback registry");
        var image = sample.Image;

        var config = image.Config.GetProperty("config");
        config.GetProperty("Entrypoint").EnumerateArray().Select(e => e.GetString()).Should().Equal("dotnet", "/app/HotelAgent.Sample.dll");
        config.GetProperty("WorkingDir").GetString().Should().Be("/app/");
        config.GetProperty("ExposedPorts").EnumerateObject().Select(p => p.Name).Should().Equal("8080/tcp");
        config.GetProperty("User").GetString().Should().Be("1654", "the app runs as the base images' non-root app user, by number");
        var environment = config.GetProperty("Env").EnumerateArray().Select(e => e.GetString()!).ToList();
        environment.Should().Contain(["ASPNETCORE_HTTP_PORTS=8080", "Logging__Console__FormatterName=json", "APP_UID=1654"]);
        environment.Should().NotContain(e => e.StartsWith("HotelAgent__", StringComparison.Ordinal), "configuration and secrets come from the deployment");
        environment.Should().NotContain(e => e.StartsWith("ASPNETCORE_ENVIRONMENT=", StringComparison.Ordinal), "the image runs as Production");
        image.Config.GetProperty("os").GetString().Should().Be("linux");

        image.Layers.Should().HaveCount(2);
        image.Layers[0].Should().Be(sample.BaseLayerDigest, "the base image's layer is carried as it is");
        var app = await image.ReadLayerEntriesAsync(image.Layers[1]);
        app.Keys.Should().Contain(["app/HotelAgent.Sample.dll", "app/hotel.json", "app/appsettings.json", "app/wwwroot/index.html"]);
        app.Keys.Should().NotContain("app/appsettings.Development.json", "it holds a local admin key");
        app["app/HotelAgent.Sample.dll"].Uid.Should().Be(1654);
    }

    [Fact]
    public async Task Image_StartedAsItsUserInItsFilesystem_IsReadyAnswersAGuestAndLogsJson()
    {
        var unshare = new[] { "/usr/bin/unshare", "/bin/unshare" }.FirstOrDefault(File.Exists);
        if (unshare is null || !string.Equals(Environment.UserName, "root", StringComparison.Ordinal))
        {
            const string Reason = "Running the image needs root and util-linux unshare (mount and PID namespaces, chroot).";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(Reason + " CI runs as root and must run the image.");
            }

            Assert.Skip(Reason);
        }

        var root = await sample.UnpackAsync();
        var config = sample.Image.Config.GetProperty("config");
        var user = config.GetProperty("User").GetString()!;
        var port = FreePort();

        // What a container runtime does: the image's environment (its port replaced by a free one on the host
        // network), HOME from /etc/passwd, /dev from the host, a new /proc, the root and working directory of the
        // image, its user, its entrypoint.
        var info = new ProcessStartInfo(unshare) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment.Clear();
        foreach (var variable in config.GetProperty("Env").EnumerateArray().Select(e => e.GetString()!))
        {
            var separator = variable.IndexOf('=', StringComparison.Ordinal);
            info.Environment[variable[..separator]] = variable[(separator + 1)..];
        }

        info.Environment["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["HOME"] = "/home/app";
        string[] arguments =
        [
            "--mount", "--", "/bin/sh", "-c",
            "r=$1; w=$2; u=$3; shift 3; mount --bind /dev \"$r/dev\" && exec unshare --pid --fork --mount-proc=/proc --root=\"$r\" --wd=\"$w\" --setgid \"$u\" --setuid \"$u\" -- \"$@\"",
            "sh", root, config.GetProperty("WorkingDir").GetString()!, user,
            .. config.GetProperty("Entrypoint").EnumerateArray().Select(e => e.GetString()!),
        ];
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        using var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        string Output()
        {
            lock (output)
            {
                return output.ToString();
            }
        }

        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };
            var started = Stopwatch.StartNew();
            HttpResponseMessage? live = null;
            while (started.Elapsed < TimeSpan.FromSeconds(90) && !process.HasExited)
            {
                try
                {
                    live = await client.GetAsync(new Uri("health/live", UriKind.Relative));
                    break;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(250);
                }
            }

            live.Should().NotBeNull($"the image's host should start:\n{Output()}");
            live!.StatusCode.Should().Be(HttpStatusCode.OK);
            (await client.GetStringAsync(new Uri("health/ready", UriKind.Relative))).Should().Be("Healthy");
            using var answer = await client.PostAsJsonAsync(new Uri("v1/conversations/container-1/messages", UriKind.Relative), new { text = "What time is check-in?" });
            var body = await answer.Content.ReadAsStringAsync();
            answer.StatusCode.Should().Be(HttpStatusCode.OK, body + "\n" + Output());
            body.Should().Contain("15:00", "the demo PMS read hotel.json from the working directory");
            (await client.GetStringAsync(new Uri("metrics", UriKind.Relative))).Should().Contain("hotel_agent_turns_total");

            DescendantUids(process.Id, "dotnet").Should().Equal([1654], "the host runs as the image's user, not root");
            var lines = Output().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            lines.Should().Contain(l => l.Contains("Hosting environment: Production", StringComparison.Ordinal));
            lines.Should().OnlyContain(l => l.StartsWith('{'), "the console logs one JSON object per line");
            JsonDocument.Parse(lines[0]).RootElement.TryGetProperty("LogLevel", out _).Should().BeTrue();
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>The user ids of the processes named <paramref name="name"/> below <paramref name="pid"/>, from /proc.</summary>
    private static List<int> DescendantUids(int pid, string name)
    {
        var parents = new Dictionary<int, (int Parent, string Name, int Uid)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var id))
            {
                continue;
            }

            try
            {
                var status = File.ReadAllLines(Path.Combine(directory, "status"));
                string Field(string key) => status.First(l => l.StartsWith(key + ":", StringComparison.Ordinal))[(key.Length + 1)..].Trim();
                parents[id] = (int.Parse(Field("PPid"), System.Globalization.CultureInfo.InvariantCulture), Field("Name"), int.Parse(Field("Uid").Split('\t')[0], System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
        }

        bool Below(int id)
        {
            for (var current = id; parents.TryGetValue(current, out var entry) && current != 0; current = entry.Parent)
            {
                if (entry.Parent == pid)
                {
                    return true;
                }
            }

            return false;
        }

        return [.. parents.Where(p => p.Value.Name == name && Below(p.Key)).Select(p => p.Value.Uid)];
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Publishes the sample's image once for the tests of this class.</summary>
    public sealed class SampleImage : IAsyncLifetime
    {
        private LoopbackRegistry? _registry;

        public string Work { get; } = Directory.CreateTempSubdirectory("hotelagent-container-").FullName;

        public string Output { get; private set; } = string.Empty;

        public string BaseImage { get; private set; } = string.Empty;

        public string BaseLayerDigest { get; private set; } = string.Empty;

        public int BaseImageRequests { get; private set; }

        internal OciImage Image { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            _registry = await LoopbackRegistry.StartAsync();
            BaseImage = _registry.BaseImage;
            BaseLayerDigest = _registry.LayerDigest;
            var archive = Path.Combine(Work, "hotelagent-sample.tar");
            Output = await DotNetCli.RunAsync(
                DotNetCli.RepositoryRoot,
                TimeSpan.FromMinutes(8),
                new Dictionary<string, string> { ["DOTNET_CONTAINER_INSECURE_REGISTRIES"] = $"127.0.0.1:{_registry.Port}" },
                "publish", Path.Combine("samples", "HotelAgent.Sample", "HotelAgent.Sample.csproj"),
                "-c", "Release", "-t:PublishContainer", "--artifacts-path", Path.Combine(Work, "artifacts"),
                "-p:ContainerBaseImage=" + BaseImage, "-p:ContainerArchiveOutputPath=" + archive,
                "-nodeReuse:false", "--disable-build-servers");
            BaseImageRequests = _registry.ImageRequests;
            Image = await OciImage.ReadAsync(archive);
        }

        /// <summary>Unpacks the image's layers, in order, into a root filesystem (with tar, keeping owners and modes).</summary>
        /// <returns>The root filesystem's directory.</returns>
        public async Task<string> UnpackAsync()
        {
            var blobs = Path.Combine(Work, "image");
            var root = Path.Combine(Work, "rootfs");
            Directory.CreateDirectory(blobs);
            Directory.CreateDirectory(root);
            await TarAsync("-xf", Image.Archive, "-C", blobs);
            foreach (var layer in Image.Layers)
            {
                await TarAsync("-xf", Path.Combine(blobs, "blobs", "sha256", layer["sha256:".Length..]), "-C", root);
            }

            return root;
        }

        public async ValueTask DisposeAsync()
        {
            if (_registry is not null)
            {
                await _registry.DisposeAsync();
            }

            Directory.Delete(Work, recursive: true);
        }

        private static async Task TarAsync(params string[] arguments)
        {
            var info = new ProcessStartInfo("tar") { RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            using var tar = Process.Start(info)!;
            var error = await tar.StandardError.ReadToEndAsync();
            await tar.WaitForExitAsync();
            tar.ExitCode.Should().Be(0, error);
        }
    }

    /// <summary>An image tarball as the SDK writes it: an OCI layout (<c>index.json</c>) or a Docker one (<c>manifest.json</c>).</summary>
    internal sealed record OciImage(string Archive, JsonElement Config, IReadOnlyList<string> Layers, IReadOnlyDictionary<string, string> LayerFiles)
    {
        public static async Task<OciImage> ReadAsync(string archive)
        {
            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            var layerFiles = new Dictionary<string, string>(StringComparer.Ordinal);
            await using (var stream = File.OpenRead(archive))
            await using (var reader = new TarReader(stream))
            {
                while (await reader.GetNextEntryAsync() is { } entry)
                {
                    if (entry.DataStream is null)
                    {
                        continue;
                    }

                    // Layers are large: remember where they are and read them again when asked.
                    if (entry.Length > 1 << 20)
                    {
                        layerFiles[entry.Name] = entry.Name;
                        continue;
                    }

                    using var copy = new MemoryStream();
                    await entry.DataStream.CopyToAsync(copy);
                    files[entry.Name] = copy.ToArray();
                    layerFiles[entry.Name] = entry.Name;
                }
            }

            JsonElement config;
            List<string> layers;
            if (files.TryGetValue("index.json", out var index))
            {
                var manifestDigest = JsonDocument.Parse(index).RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString()!;
                var manifest = JsonDocument.Parse(files[BlobPath(manifestDigest)]).RootElement;
                config = JsonDocument.Parse(files[BlobPath(manifest.GetProperty("config").GetProperty("digest").GetString()!)]).RootElement;
                layers = [.. manifest.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("digest").GetString()!)];
            }
            else
            {
                var manifest = JsonDocument.Parse(files["manifest.json"]).RootElement[0];
                config = JsonDocument.Parse(files[manifest.GetProperty("Config").GetString()!]).RootElement;
                layers = [.. manifest.GetProperty("Layers").EnumerateArray().Select(l => l.GetString()!)];
            }

            return new OciImage(archive, config, layers, layerFiles);
        }

        /// <summary>Lists the files of one layer (gzip or plain tar), by path.</summary>
        public async Task<IReadOnlyDictionary<string, TarEntryInfo>> ReadLayerEntriesAsync(string layer)
        {
            var path = layer.StartsWith("sha256:", StringComparison.Ordinal) ? BlobPath(layer) : layer;
            await using var stream = File.OpenRead(Archive);
            await using var reader = new TarReader(stream);
            while (await reader.GetNextEntryAsync() is { } entry)
            {
                if (entry.Name != path || entry.DataStream is null)
                {
                    continue;
                }

                using var copy = new MemoryStream();
                await entry.DataStream.CopyToAsync(copy);
                copy.Position = 0;
                var gzip = copy.Length > 2 && copy.GetBuffer()[0] == 0x1f && copy.GetBuffer()[1] == 0x8b;
                await using var content = gzip ? new GZipStream(copy, CompressionMode.Decompress) : (Stream)copy;
                await using var layerReader = new TarReader(content);
                var entries = new Dictionary<string, TarEntryInfo>(StringComparer.Ordinal);
                while (await layerReader.GetNextEntryAsync() is { } file)
                {
                    entries[file.Name.TrimStart('.', '/').TrimEnd('/')] = new TarEntryInfo(file.Uid, file.EntryType);
                }

                return entries;
            }

            throw new InvalidOperationException($"Layer {layer} is not in {Archive}.");
        }

        private static string BlobPath(string digest) => "blobs/sha256/" + digest["sha256:".Length..];
    }

    internal sealed record TarEntryInfo(int Uid, TarEntryType Type);
}
