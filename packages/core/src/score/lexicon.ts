/**
 * The curated bilingual lexicon of the rule layer, as compact source text expanded once at start-up.
 *
 * **Line format**: `term[,term…] => tag[=weight] [tag[=weight]…]`.
 * - Lines starting with `#` are comments (for `extraLexicon`).
 * - A term may hold alternatives in braces: `{弄|打|砍}死你` expands to three terms; `{的|}` allows "nothing".
 * - Terms made only of `a-z 0-9` and spaces are *word* terms: they match only between word boundaries
 *   (so `ass` never matches inside "assassin", `cunt` never inside "Scunthorpe").
 * - Tags: an {@link AbuseCategory} with a weight (the probability that a use of the term is abuse of that
 *   kind, set from the term's precision on the dev splits and hand review), `threat:family`/`threat:children`
 *   (a threat and who it targets), `group` (an identity group: with an insult it becomes an identity attack),
 *   `mention` (reported speech: the abuse after it is quoted, not used), `counter` (counter-speech: the text
 *   argues against abuse) and `innocent` (a phrase that contains a term but is harmless; it masks the term).
 *
 * Sources: hand-curated by the maintainers from moderation practice and the COLD / TweetEval training data,
 * cross-checked against the LDNOOBW `naughty-words` (CC-BY-4.0) and `cuss` (MIT) lists. Matching folds case,
 * Traditional → Simplified characters, leetspeak and confusables first (see `rules.ts`).
 *
 * @module
 */

/** The lexicon source; see the module comment for the format. */
export const LEXICON_SOURCE: string =
  // The section headings are JavaScript comments, not `#` lines, so that they never ship in a bundle.
  // insults, Chinese (pinyin initials, homophones and variants included)
  `傻逼,煞笔,沙比,傻b,傻比,傻屄,煞逼,沙逼,傻bi,啥b,煞b,沙b,傻叉,傻x,傻缺,sb,sha bi,傻冒 => insult=0.92
二逼,2b,脑残,智障,弱智,白痴,蠢货,蠢猪,蠢驴,猪脑子,脑子有病,脑子进水,nc,sjb,神经病 => insult=0.85
废物,窝囊废,饭桶,人渣,败类,贱人,贱货,贱种,狗东西,狗杂种,杂种,杂碎,畜生,畜牲,王八蛋,混蛋,孬种,丑八怪,死肥猪,狗逼,傻狗,蛆 => insult=0.9
垃圾,滚蛋,有病,low逼,装逼,屌丝,恶心人,不要脸,臭不要脸 => insult=0.7
你{是|就是|真是|这个|个}{垃圾|猪|狗|废物|傻子|蠢货|小丑} => insult=0.92
nt => insult=0.6
` +
  // mother insults and curses
  `nmsl,你妈死了,死妈,你妈没了,cnm,草泥马,操你妈,草你妈,艹你妈,曹尼玛,caonima,操你,艹你,草你,日你妈,mlgb,妈了个逼,nmb,你妈逼,wcnm,rnm,qnmd,去你妈的,去你妈,你妈的,尼玛的,nimasile => insult=0.93 profanity=0.9
去死,去死吧,赶紧去死,怎么不去死 => insult=0.85 threat=0.6
` +
  // insults, English
  `idiot,idiots,moron,morons,dumbass,retard,retarded,imbecile,cunt,cunts,asshole,assholes,a**hole,dickhead,prick,bastard,scumbag,shithead,jackass,twat,wanker,douchebag,piece of shit,stfu => insult=0.88
stupid,loser,losers,pathetic,worthless,fat pig,screw you,go to hell,you suck => insult=0.6
dumb,clown,trash,garbage,ugly,pig,shut up,fool => insult=0.45
bitch,bitches,b*tch,biatch,whore,whores => insult=0.85 sexual_harassment=0.35
fuck you,fuck u,f*ck you,fk you,fuck off,fuck yourself,go fuck yourself,motherfucker => insult=0.92 profanity=0.9
you are {an idiot|a moron|stupid|pathetic|worthless|trash|garbage|disgusting|a joke} => insult=0.9
` +
  // profanity (not abuse on its own: "这个视频太牛逼了")
  `牛逼,牛b,nb,卧槽,我操,我草,握草,卧了个槽,wc,我靠,他妈的,他妈,tmd,妈的,md,特么,尼玛,屌,逼格,操蛋,蛋疼,扯淡,日了狗,tm => profanity=0.9
fuck,fucking,fucked,fuckin,fck,fuk,f*ck,f**k,phuck,shit,shitty,sh*t,bullshit,damn,goddamn,crap,wtf,ass,dick,piss,pissed,bloody hell,holy shit => profanity=0.9
` +
  // threats (who: the person; threat:family; threat:children)
  `{杀了|弄死|打死|砍死|捅死|搞死|整死|宰了|灭了|干掉|弄残|打残}你 => threat=0.9
你死定了,你等着,你给我等着,等着瞧,出门小心,走夜路小心,让你好看,找人弄你,见你一次打你一次,见一次打一次,活腻了 => threat=0.8
我知道你{家|}{住在|住|在}{哪|哪里|哪儿},我知道你家地址 => threat=0.92
{小心|杀|杀了|弄死|灭|找到|盯上|等着}你{的|}{全家|家人|爸妈|父母|老婆|老公|家里人} => threat=0.92 threat:family
你全家{死|死光|暴毙|不得好死|都得死},全家死光,全家暴毙 => threat=0.9 threat:family insult=0.6
{小心|杀|杀了|弄死|找到|盯上|等着}你{的|}{孩子|儿子|女儿|小孩|娃} => threat=0.93 threat:children
{i will|ill|im going to|i am going to|gonna|im gonna|we will|i'll} {kill|hurt|find|shoot|stab|murder|beat|destroy|end} you => threat=0.92
{kill|shoot|stab|murder} you => threat=0.7
i know where you live,know where you live,watch your back,youre dead,you are dead,your days are numbered,you will pay,sleep with one eye open => threat=0.9
kill yourself,kill urself,kys,go die,hope you die,you should die,drink bleach => threat=0.85 insult=0.7
{kill|hurt|find|get|shoot|rape|visit} your {family|wife|husband|mom|mother|parents} => threat=0.92 threat:family
{kill|hurt|find|get|shoot|rape|visit} your {kids|children|daughter|son|baby} => threat=0.93 threat:children
` +
  // identity attacks (slurs) and identity groups
  `黑鬼,尼哥,白皮猪,小日本,日本鬼子,阿三,外地狗,女拳,田园女权,龟男,娘炮,死gay,基佬,绿绿 => identity_attack=0.85
nigger,niggers,faggot,faggots,fag,tranny,chink,chinks,spic,kike,wetback,raghead,towelhead,sandnigger,rapefugee,rapefugees,subhuman,feminazi,dyke => identity_attack=0.9
go back to your country,go back where you came from,滚回{你们|}{老家|国|你的国家} => identity_attack=0.85
黑人,白人,女人,女的,男人,女性,男性,女权,穆斯林,回族,维族,少数民族,同性恋,河南人,东北人,上海人,广东人,四川人,新疆人,外地人,农村人,日本人,韩国人,印度人,非洲人,外国人,移民,残疾人,黑人们 => group
black people,blacks,white people,women,woman,men,muslims,muslim,islam,jews,immigrants,immigrant,migrants,refugees,mexicans,asians,gays,lesbians,trans people,africans,arabs,feminists,females => group
` +
  // sexual harassment (including sexual rumours about a person)
  `约炮,陪睡,睡你,想睡你,想上你,干死你,骚货,骚逼,浪货,荡妇,破鞋,做鸡,卖淫,援交,出台,一晚多少钱,多少钱一晚,奶子,让我摸,摸你,裸照,发裸照,私密照,强奸你,轮奸 => sexual_harassment=0.88
{被|她被|他被}{包养|潜规则|睡过|玩烂},睡出来的,靠睡,卖身,陪酒女 => sexual_harassment=0.85
slut,sluts,send nudes,nudes,show me your tits,tits,boobs,suck my dick,suck my,sit on my face,rape you,how much for a night,slept her way,sleeping her way,blowjob,wanna fuck,i want to fuck you,dick pic => sexual_harassment=0.85
` +
  // incitement: calls to harass, mass-report, dox or "冲" someone. Built as crowd × (go) × mass action, and
  // go × target × place × hostile verb, rather than as exact sentences. A bare 冲 (冲浪, 冲咖啡) or 开盒 (unboxing)
  // is not a call: they count only with a crowd or a target.
  `{大家|兄弟们|姐妹们|家人们|一起|都|大伙|大伙儿|咱们|粉丝们}{冲|冲了|冲她|冲他|冲ta|上啊|去骂|去喷|去举报|举报|人肉|网暴|爆破|开盒} => incitement=0.85
{大家|兄弟们|姐妹们|家人们|一起|大伙|咱们|粉丝们}{去|都去|快去|赶紧去|给我去}{骂|喷|网暴|人肉|开盒|爆破|骚扰|轰炸|围攻|举报她|举报他|挂她|挂他|冲她|冲他} => incitement=0.85
{大家|兄弟们|姐妹们|家人们|一起|大伙|咱们|粉丝们}去{她|他|ta}{的|}{微博|主页|评论区|账号|直播间|私信|家门口} => incitement=0.85
去{她|他|ta}{的|}{微博|主页|评论区|账号|直播间|私信|b站|抖音|小红书|超话}{底下|下面|里|}{骂|喷|刷屏|冲|网暴} => incitement=0.9
给我冲,都给我冲,冲烂,冲爆,冲了他,冲了她,人肉{他|她|ta|出来},网暴{他|她|ta},挂出来,扒{他|她}的,{集体|一起|批量}举报,让{他|她|ta}社死 => incitement=0.85
开盒{他|她|ta|这人|这货|此人|了他|了她},把{他|她|ta}{给|}{开盒|人肉|挂出来|网暴} => incitement=0.85
冲{他|她|ta}{的|}{微博|主页|评论区|账号|直播间|私信|b站|抖音|小红书|超话} => incitement=0.9
去问候{一下|}{他|她|ta}{的|}{家人|全家|家里人|爸妈|父母|妈|老妈|祖宗|十八代|老婆|老公} => incitement=0.85 threat=0.6 threat:family
去问候{一下|}{他|她|ta}{的|}{孩子|儿子|女儿|小孩} => incitement=0.85 threat=0.6 threat:children
{everyone|everybody|lets all|let us all|guys|yall|all of you|we should all} {go |}{report|flood|spam|raid|harass|attack|dox|brigade|bombard|swarm|troll|go after|mass report} => incitement=0.88
go {flood|spam|raid|harass|brigade|bombard|swarm|troll|dox} {her|him|his|their|them} => incitement=0.8
{flood|spam|raid|bombard|swarm|brigade|blow up|mass report} {her|his|their} {dms|dm|inbox|comments|mentions|replies|page|profile|account|channel|stream|chat|posts|timeline|phone|notifications} => incitement=0.85
mass report,report her account,report his account,report {him|her|them|it|his account|her account|their account|this account} {until|till},dox {him|her|them|this guy|this girl|that guy|that girl},find out where {she|he|they} {lives|live|works|work},{leak|post|expose} {her|his|their} {address|home address|phone number|real name|workplace},send {him|her} hate,brigade => incitement=0.85
` +
  // mention (reported speech) and counter-speech
  `骂我,骂他,骂她,被骂,被人骂,说我是,说我,叫我,称我,喊我,骂我是,他骂,她骂,有人骂 => mention
{有人|他|她|他们|她们|博主|网红|营销号|大v|那个人|有些人}{在|}{号召|煽动|呼吁|组织|带头|怂恿|鼓动|挑唆} => mention
called me,calls me,call me,was called,said i was,told me i was,told me im,called her,called him => mention
{told|urged|asked|called on|encouraged|telling|urging|is telling|was telling} {everyone|everybody|people|his followers|her followers|their followers|his fans|her fans} to => mention
不要骂人,别骂人,请不要,不要说脏话,别说脏话,请文明,文明发言,不应该骂,不要人身攻击,禁止骂人,骂人不对 => counter
{不要|别|不许|请勿|禁止|拒绝}{去|再|}{骂|喷|网暴|骚扰|人肉|开盒|攻击} => counter
dont call,stop calling,please dont,not okay to call,shouldnt call,no need to insult,stop bullying,be kind => counter
{dont|do not|never} {harass|spam|flood|raid|dox|brigade|pile on|send hate} => counter
` +
  // innocent substrings
  `一次性交,性交纳,打call,操作,操场,体操,情操,节操,日本,重庆,今日你,明日你,每日你,去死皮,去死角,垃圾分类,垃圾桶,垃圾食品,垃圾短信,垃圾邮件,垃圾回收,废物利用,废物回收,2b铅笔,牛b超人 => innocent
{大家|兄弟们|姐妹们|家人们|一起|都|大伙|大伙儿|咱们|粉丝们}冲{浪|咖啡|刺|澡|凉|奶粉|茶|泡|动|锋|击|榜|关|冠|一杯|厕所|马桶|洗|业绩|销量|kpi} => innocent
scunthorpe,assassin,assassinate,kill -9,kill it,killed it,killing it,kill the {task|job|app|server|lights|engine|bug|process},windows nt,dumb question,pig out => innocent
`
