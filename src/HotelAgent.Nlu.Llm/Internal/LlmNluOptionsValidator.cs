using Microsoft.Extensions.Options;

namespace HotelAgent.Nlu.Llm;

[OptionsValidator]
internal sealed partial class LlmNluOptionsValidator : IValidateOptions<LlmNluOptions>
{
}
