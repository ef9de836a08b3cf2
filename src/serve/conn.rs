//! Accepting connections with limits, so that slow, idle or half-open
//! clients cost a bounded amount and never hold up anyone else.
//!
//! `axum::serve` sets no timer on hyper, so hyper's header-read timeout is
//! off: a client that connects and sends nothing, or one header byte a
//! minute (slowloris), keeps its connection, task and buffers forever, and
//! there is no cap on how many it may open. This loop serves the same router
//! through hyper's HTTP/1 connection builder with a timer, and adds:
//!
//! - a header-read timeout, which also closes keep-alive connections idle
//!   between requests (hyper restarts it for each request's headers);
//! - a write-stall timeout: a response the client stops reading is dropped
//!   once no byte has gone out for that long (the event stream writes a
//!   keep-alive comment every 15 s, so open pages are not affected);
//! - a cap on open connections: further clients wait in the listen queue
//!   until one closes, so memory stays bounded however many connect.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio::time::{Instant, Sleep};

/// How the preview treats its clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// How long a client may take to send a request's headers, and may stay
    /// connected without sending the next request.
    pub header_timeout: Duration,
    /// How long a response may wait for a client that does not read it.
    pub write_timeout: Duration,
    /// How many connections are served at once.
    pub max_connections: usize,
}

impl Default for Limits {
    /// Ten seconds is ample for a browser on any network to send its headers
    /// (they arrive in one packet); 4,096 connections are far more than a
    /// preview sees and well under the usual limit of open files.
    fn default() -> Self {
        Limits {
            header_timeout: Duration::from_secs(10),
            write_timeout: Duration::from_secs(30),
            max_connections: 4096,
        }
    }
}

/// Serves `router` on `listener` until the future is dropped.
pub async fn accept_loop(listener: TcpListener, router: axum::Router, limits: Limits) {
    let open = Arc::new(Semaphore::new(limits.max_connections));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    loop {
        let Ok(permit) = open.clone().acquire_owned().await else {
            return;
        };
        let tcp = match listener.accept().await {
            Ok((tcp, _)) => tcp,
            Err(e) => {
                // Out of file descriptors, or a connection reset before it
                // was accepted: wait a little rather than spin.
                if !matches!(
                    e.kind(),
                    io::ErrorKind::ConnectionAborted | io::ErrorKind::ConnectionReset
                ) {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                continue;
            }
        };
        // Small responses and events go out at once rather than after Nagle's delay.
        let _ = tcp.set_nodelay(true);
        let io = TokioIo::new(WriteDeadline::new(tcp, limits.write_timeout));
        let connection = http.serve_connection(io, TowerToHyperService::new(router.clone()));
        tokio::spawn(async move {
            let _ = connection.await;
            drop(permit);
        });
    }
}

/// A stream whose writes fail once they have made no progress for `limit`.
struct WriteDeadline<T> {
    inner: T,
    limit: Duration,
    stalled: Pin<Box<Sleep>>,
    waiting: bool,
}

impl<T> WriteDeadline<T> {
    fn new(inner: T, limit: Duration) -> Self {
        WriteDeadline {
            inner,
            limit,
            stalled: Box::pin(tokio::time::sleep(limit)),
            waiting: false,
        }
    }

    /// Called when a write could not proceed: starts the clock if it is not
    /// running, and fails once it has run out.
    fn poll_stall(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<usize>> {
        if !self.waiting {
            self.waiting = true;
            let deadline = Instant::now() + self.limit;
            self.stalled.as_mut().reset(deadline);
        }
        ready!(self.stalled.as_mut().poll(cx));
        Poll::Ready(Err(io::Error::new(
            io::ErrorKind::TimedOut,
            "the client stopped reading",
        )))
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for WriteDeadline<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for WriteDeadline<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_write(cx, buf) {
            Poll::Pending => this.poll_stall(cx),
            done => {
                this.waiting = false;
                done
            }
        }
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_write_vectored(cx, bufs) {
            Poll::Pending => this.poll_stall(cx),
            done => {
                this.waiting = false;
                done
            }
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}
