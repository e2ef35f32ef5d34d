using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;

namespace HotelAgent.Packaging.Tests;

/// <summary>
/// The sample host's container image, built by the .NET SDK itself (<c>dotnet publish -t:PublishContainer</c>) into a
/// tarball, on top of a base image served by a registry on loopback: no Docker daemon and no outside network.
/// </summary>
public sealed class ContainerImageTests
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task PublishContainer_SampleHost_ImageRunsAsNonRootOnPort8080WithoutSecrets()
    {
        await using var registry = await LoopbackRegistry.StartAsync();
        var work = Directory.CreateTempSubdirectory("hotelagent-container-").FullName;
        try
        {
            var archive = Path.Combine(work, "hotelagent-sample.tar");
            var output = await DotNetCli.RunAsync(
                DotNetCli.RepositoryRoot,
                PublishTimeout,
                new Dictionary<string, string> { ["DOTNET_CONTAINER_INSECURE_REGISTRIES"] = $"127.0.0.1:{registry.Port}" },
                "publish", Path.Combine("samples", "HotelAgent.Sample", "HotelAgent.Sample.csproj"),
                "-c", "Release", "-t:PublishContainer", "--artifacts-path", Path.Combine(work, "artifacts"),
                "-p:ContainerBaseImage=" + registry.BaseImage, "-p:ContainerArchiveOutputPath=" + archive,
                "-nodeReuse:false", "--disable-build-servers");
            output.Should().Contain("hotelagent-sample").And.Contain(registry.BaseImage);
            registry.ImageRequests.Should().BePositive("the base image comes from the loopback registry");

            var image = await OciImage.ReadAsync(archive);

            var config = image.Config.GetProperty("config");
            config.GetProperty("Entrypoint").EnumerateArray().Select(e => e.GetString()).Should().Equal("dotnet", "/app/HotelAgent.Sample.dll");
            config.GetProperty("WorkingDir").GetString().Should().Be("/app/");
            config.GetProperty("ExposedPorts").EnumerateObject().Select(p => p.Name).Should().Equal("8080/tcp");
            var user = config.GetProperty("User").GetString();
            user.Should().Be("1654", "the app runs as the base images' non-root app user, by number");
            var environment = config.GetProperty("Env").EnumerateArray().Select(e => e.GetString()!).ToList();
            environment.Should().Contain(["ASPNETCORE_HTTP_PORTS=8080", "Logging__Console__FormatterName=json", "APP_UID=1654"]);
            environment.Should().NotContain(e => e.StartsWith("HotelAgent__", StringComparison.Ordinal), "configuration and secrets come from the deployment");
            environment.Should().NotContain(e => e.StartsWith("ASPNETCORE_ENVIRONMENT=", StringComparison.Ordinal), "the image runs as Production");
            image.Config.GetProperty("os").GetString().Should().Be("linux");

            image.Layers.Should().HaveCount(2);
            image.Layers[0].Should().Be(registry.LayerDigest, "the base image's layer is carried as it is");
            var app = await image.ReadLayerEntriesAsync(image.Layers[1]);
            app.Keys.Should().Contain(["app/HotelAgent.Sample.dll", "app/hotel.json", "app/appsettings.json", "app/wwwroot/index.html"]);
            app.Keys.Should().NotContain("app/appsettings.Development.json", "it holds a local admin key");
            app["app/HotelAgent.Sample.dll"].Uid.Should().Be(1654);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>An image tarball as the SDK writes it: an OCI layout (<c>index.json</c>) or a Docker one (<c>manifest.json</c>).</summary>
    private sealed record OciImage(string Archive, JsonElement Config, IReadOnlyList<string> Layers, IReadOnlyDictionary<string, string> LayerFiles)
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

    private sealed record TarEntryInfo(int Uid, TarEntryType Type);
}
